export * from './fiscal-year.decider';
export * from './fiscal-year.policy';
export * from './fiscal-year.settlement';
export * from './year-lines.decider';
