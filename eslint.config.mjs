// ESLint: typescript-eslint with the type-aware rules that catch real bugs, and the import boundaries of
// architecture.md as rules, so a wrong import fails CI.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'fs',
  'path',
  'child_process',
  'crypto',
  'os',
  'net',
  'http',
  'https',
  'stream',
  'worker_threads',
  'url',
  'util',
  'events',
  'zlib',
  'buffer',
  'process',
];
const builtinPatterns = [...nodeBuiltins, ...nodeBuiltins.map((m) => `node:${m}`), 'node:*'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web/**', 'data/**', 'tools/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Workflows are deterministic: no I/O, no database, no Node built-ins; activities only as types.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'typeorm',
            'mysql2',
            'better-sqlite3',
            'puppeteer-core',
            'handlebars',
            'koa',
            'pino',
            ...nodeBuiltins,
          ].map((name) => ({
            name,
            message: 'Workflow code must be deterministic: do this in an activity.',
          })),
          patterns: [
            { group: builtinPatterns, message: 'No Node built-ins in workflow code.' },
            {
              group: ['**/db/**', '**/db', '**/api/**', '**/worker/**'],
              message: 'Workflows may import domain/ and activity types only.',
            },
            {
              group: ['**/activities/**', '**/activities'],
              allowTypeImports: true,
              message: 'Import activity *types* only (import type).',
            },
          ],
        },
      ],
    },
  },
  {
    // The API talks to workflows through their contracts and the Temporal client only.
    files: ['api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/activities/**', '**/activities'], message: 'The API may not import activities.' },
            {
              group: ['**/workflows/*/*', '!**/workflows/*/contract', '!**/workflows/shared/*'],
              message: 'The API imports workflow contracts only.',
            },
            { group: ['**/worker/**'], message: 'The API may not import the worker.' },
          ],
        },
      ],
    },
  },
  {
    // The mail intake is a process of its own: it registers letters through the lives' contracts, never the API.
    files: ['mail-intake/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/api/**', '**/api'],
              message: 'The mail intake is its own process: it may not import the API.',
            },
            { group: ['**/activities/**', '**/activities'], message: 'The mail intake may not import activities.' },
            {
              group: ['**/workflows/*/*', '!**/workflows/*/contract', '!**/workflows/shared/*'],
              message: 'The mail intake imports workflow contracts only.',
            },
            { group: ['**/worker/**'], message: 'The mail intake may not import the worker.' },
          ],
        },
      ],
    },
  },
  {
    // domain/ is pure: importable from workflows, the API and the browser.
    files: ['domain/**/*.ts'],
    ignores: ['domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['typeorm', 'koa', '@temporalio/workflow', '@temporalio/client', ...nodeBuiltins],
          patterns: [
            { group: builtinPatterns, message: 'domain/ is pure: no I/O.' },
            {
              group: ['**/db/**', '**/api/**', '**/workflows/**', '**/activities/**', '**/worker/**'],
              message: 'domain/ imports nothing of ours but itself.',
            },
          ],
        },
      ],
    },
  },
);
