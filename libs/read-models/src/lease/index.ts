export * from './lease';
export * from './lease-rules';
export * from './lease-keeper';
export * from './lease-supervisor';
export * from './fenced-document-store';
