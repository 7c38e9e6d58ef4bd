// Nest 12 ships ESM only; Jest on Node 20 loads CommonJS. swc compiles our TS and
// the @nestjs packages from node_modules to CommonJS (see docs in stack notes).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '.*\\.(spec|int-spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2023',
          parser: { syntax: 'typescript', decorators: true },
          transform: {
            legacyDecorator: true,
            decoratorMetadata: true,
            useDefineForClassFields: false,
          },
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
      },
    ],
    '^.+\\.m?js$': [
      '@swc/jest',
      {
        swcrc: false,
        module: { type: 'commonjs' },
        jsc: { target: 'es2023', parser: { syntax: 'ecmascript' } },
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/)'],
  moduleNameMapper: {
    '^@app/event-store$': '<rootDir>/libs/event-store/src/index.ts',
    '^@app/event-store/eventstoredb$': '<rootDir>/libs/event-store/src/eventstoredb/index.ts',
    '^@app/testing$': '<rootDir>/libs/testing/src/index.ts',
    '^@app/testing/decider$': '<rootDir>/libs/testing/src/decider/index.ts',
    '^@app/budgeting$': '<rootDir>/libs/budgeting/src/index.ts',
    '^@app/application$': '<rootDir>/libs/application/src/index.ts',
    '^@app/read-models$': '<rootDir>/libs/read-models/src/index.ts',
    '^@app/read-models/mongodb$': '<rootDir>/libs/read-models/src/mongodb/index.ts',
    '^@app/reporting$': '<rootDir>/libs/reporting/src/index.ts',
    // The CSV writer alone: the CLI's reads load it without pdfmake and ExcelJS.
    '^@app/reporting/csv$': '<rootDir>/libs/reporting/src/csv-writer.ts',
    '^@app/config$': '<rootDir>/libs/config/src/index.ts',
    '^@app/api-state$': '<rootDir>/libs/api-state/src/index.ts',
    '^@app/testing/faults$': '<rootDir>/libs/testing/src/faults/index.ts',
    // Test fixtures of a library, for specs outside it (production code never imports them).
    '^@app/budgeting/testing$': '<rootDir>/libs/budgeting/src/testing.ts',
    '^@app/application/testing$': '<rootDir>/libs/application/src/testing/index.ts',
    // The programs' entries, for the tests and benchmarks that start them in-process.
    '^@app/api$': '<rootDir>/apps/api/src/index.ts',
    '^@app/projector$': '<rootDir>/apps/projector/src/index.ts',
  },
  testTimeout: 60000,
  // Many suites wait on child processes (CLI runs, workers, a second API): two Jest
  // workers keep both cores busy on these 2-core machines.
  maxWorkers: 2,
};
