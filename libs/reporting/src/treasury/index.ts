export * from './statement-columns';
export * from './csv-read';
export * from './statement-parse';
export * from './reconcile';
export * from './reconcile.wire';
export * from './xlsx-read';
export * from './payments-by-code';
export * from './unit-code-check';
