// Type-checked lint: the rules that catch lost writes and unhandled cases matter most here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
  {
    // The domain is pure: no Nest, no driver, no other lib, no test helper (its specs
    // and their fixtures under testing/ use @app/testing/decider; its code may not).
    files: ['libs/budgeting/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.)',
              message: 'libs/budgeting imports only its own files (relative paths).',
            },
          ],
        },
      ],
    },
  },
  {
    // The programs use a library through its front door (@app/<lib>, see tsconfig paths),
    // never a file inside it: what a library exports is what it promises.
    files: ['apps/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+libs/',
              message: 'Import a library by its entry, @app/<lib>, not by a path into it.',
            },
          ],
        },
      ],
    },
  },
);
