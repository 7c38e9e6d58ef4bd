export * from './event-codec';
export * from './deterministic-id';
export * from './command-executor';
