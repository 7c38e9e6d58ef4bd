export * from './event-store/events';
export * from './event-store/event-store.contract';
export { WorkerPool } from './event-store/worker-pool';
