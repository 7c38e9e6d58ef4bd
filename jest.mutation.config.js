// Jest for mutation runs (npm run test:mutation): the same swc transforms and aliases as
// jest.config.js, limited to the tests that exercise the mutated code, so that each of
// the thousands of mutant runs loads no API, no child process and no browser.
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/libs/budgeting', '<rootDir>/libs/application'],
  testRegex: [
    'libs/budgeting/src/.*\\.spec\\.ts$',
    'libs/application/src/.*\\.handlers?\\.int-spec\\.ts$',
    // Closing a year has its handler specs under the use case's name.
    'libs/application/src/fiscal-year/close-fiscal-year\\.int-spec\\.ts$',
  ],
};
