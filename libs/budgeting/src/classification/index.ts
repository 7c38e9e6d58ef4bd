export * from './budget-codes';
export * from './budget-classification';
