// Type-checked lint: the rules that catch lost writes and unhandled cases matter most here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// A relative path through a `libs`, `apps` or `src` folder leaves its own root; a path
// under `@app/<lib>/` other than the declared entries reaches past the front door. The
// MongoDB and EventStoreDB adapters are entries of their own, so SQLite never loads them.
const BACK_DOORS = [
  {
    regex: '^\\.\\.?/(?:[^/]+/)*(?:libs|apps|src)(?:/|$)',
    message:
      'Back door: import another library by its entry, @app/<lib> (add what you need to its index.ts).',
  },
  {
    regex:
      '^@app/(?!(?:testing/(?:decider|faults)|reporting/csv|budgeting/testing|application/testing|read-models/mongodb|event-store/eventstoredb)$)[^/]+/',
    message: 'Back door: import @app/<lib>, not a file inside it (see tsconfig paths).',
  },
];
// A program never imports another; the state they share is a library (@app/api-state).
const APP_IMPORTS = [
  {
    regex: '^@app/(?:api|cli|projector)$',
    message: 'An app does not import an app: move what both need into a library.',
  },
];
// Only adapters talk to the databases.
const DRIVERS = ['mongodb', 'better-sqlite3', '@eventstore/db-client'].map((name) => ({
  name,
  message: `Only adapters (sqlite/, mongodb/, eventstoredb/ folders) import ${name}.`,
}));
// Test fixtures of a library, for specs only.
const TEST_ENTRIES = [
  {
    regex: '^@app/(?:testing|budgeting/testing|application/testing)(?:/|$)',
    message: 'Test helpers are for specs: production code does not import them.',
  },
];
const ADAPTERS = [
  'libs/*/src/**/sqlite/**',
  'libs/*/src/**/mongodb/**',
  'libs/*/src/**/eventstoredb/**',
];
const TEST_CODE = [
  '**/*.spec.ts',
  '**/*.int-spec.ts',
  '**/*.e2e-spec.ts',
  '**/testing/**',
  'libs/budgeting/src/testing.ts',
  'test/**',
  'bench/**',
];

function restrictedImports({ drivers = false, apps = false }) {
  return {
    paths: drivers ? DRIVERS : [],
    patterns: [...BACK_DOORS, ...(apps ? APP_IMPORTS : []), ...(drivers ? TEST_ENTRIES : [])],
  };
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      'coverage/',
      '.test-output/',
      '.stryker-tmp/',
      '*.config.js',
      '*.config.mjs',
      // The plain-JS shim that loads the TypeScript CLI; outside every tsconfig.
      'bin/',
      // Compiled against a client generated at test time (test/openapi-client.e2e-spec.ts).
      'test/openapi-client/client/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      'libs/testing/**/*.ts',
      'test/**/*.ts',
    ],
    rules: {
      // Jest matchers and fixtures use `any`-typed helpers by design.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  // Front doors (docs/architecture.md, "Imports"): one `no-restricted-imports` per file,
  // built from these lists, since a later block replaces the rule, it does not add to it.
  {
    files: ['**/*.ts'],
    rules: { 'no-restricted-imports': ['error', restrictedImports({ drivers: true })] },
  },
  {
    files: ['apps/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', restrictedImports({ drivers: true, apps: true })],
    },
  },
  {
    // Adapters, test helpers, tests and benchmarks may use the drivers.
    files: [...ADAPTERS, ...TEST_CODE],
    rules: { 'no-restricted-imports': ['error', restrictedImports({})] },
  },
  {
    files: TEST_CODE.filter((glob) => glob.startsWith('**/')).map((glob) => `apps/${glob}`),
    rules: { 'no-restricted-imports': ['error', restrictedImports({ apps: true })] },
  },
  {
    // The domain is pure: no Nest, no driver, no other lib, no test helper (its specs
    // and their fixtures under testing/ use @app/testing/decider; its code may not).
    files: ['libs/budgeting/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**', 'libs/budgeting/src/testing.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...BACK_DOORS,
            {
              regex: '^(?!\\.)',
              message: 'libs/budgeting imports only its own files (relative paths).',
            },
          ],
        },
      ],
    },
  },
);
