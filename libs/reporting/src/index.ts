export * from './table';
export * from './csv-writer';
export * from './xlsx-writer';
export * from './labels';
export * from './disbursement.report';
export * from './ledger.reports';
