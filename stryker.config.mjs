// Mutation testing of the domain and the command handlers: `npm run test:mutation`.
// Incremental: a rerun tests only mutants whose code or covering tests changed, so
// rerunning after each new rule is quick. Reports land in .test-output/mutation/.
// To cover a new slice (dates, Treasury): its files to `mutate` here, its specs to
// jest.mutation.config.js, its folder to tsconfig.mutation.json (the type checker must see
// every mutated file). Leave the sources alone while a run goes: the checker reads them
// from the working tree, not from Stryker's sandbox, and an edit turns mutants into
// false compile errors.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.mutation.config.js',
    enableFindRelatedTests: true,
  },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  // Mutants in code that runs only when a module loads (constant tables, regexes) rerun
  // every test each: left out of the default run; STRYKER_STATIC=1 tests them too.
  ignoreStatic: process.env.STRYKER_STATIC !== '1',
  mutate: [
    'libs/budgeting/src/**/*.ts',
    '!libs/budgeting/src/**/*.spec.ts',
    '!libs/budgeting/src/**/testing/**',
    '!libs/budgeting/src/testing.ts',
    '!libs/budgeting/src/**/index.ts',
    'libs/application/src/**/*.handler.ts',
    'libs/application/src/**/*.handlers.ts',
    'libs/application/src/shared/decide-on-stream.ts',
    'libs/application/src/shared/line-commands.ts',
    'libs/application/src/expenditures/expenditure-lookup.ts',
  ],
  // Copied into the sandbox: the code and configs, not data, reports or other tooling.
  ignorePatterns: ['dist', 'data', 'coverage', '.test-output', 'bench', 'docker', 'examples'],
  incremental: true,
  incrementalFile: '.test-output/mutation/stryker-incremental.json',
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: '.test-output/mutation/index.html' },
  jsonReporter: { fileName: '.test-output/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  // Two cores here: more runners only queue behind each other.
  concurrency: 2,
  timeoutMS: 10000,
  thresholds: { high: 90, low: 80, break: null },
};
