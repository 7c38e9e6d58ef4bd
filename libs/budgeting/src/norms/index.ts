export * from './norm-table';
export * from './norm-claim';
export { normErrors } from './norm.errors';
export * from './norms-text';
