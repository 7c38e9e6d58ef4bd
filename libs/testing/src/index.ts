export * from './event-store/events';
export * from './event-store/event-store.contract';
export { WorkerPool } from './event-store/worker-pool';
export * from './history/seeded-random';
export * from './history/budget-history.generator';
export * from './read-models/document-store.contract';
export * from './faults/overlap';
