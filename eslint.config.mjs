import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * Pure libraries: plain TypeScript engines and contracts, usable from any process and testable without Nest, a
 * database or Redis. The apps wire them into the framework.
 */
const PURE_LIBS = [
  'common',
  'contracts',
  'scoring',
  'security-plan',
  'scan-checks',
  'config-audit',
  'net-guard',
];

const PURE = 'pure libraries stay free of the framework: wire it in apps/ (see docs/architecture.md)';
const FRAMEWORK_PATHS = [
  'typeorm',
  'bullmq',
  'ioredis',
  'express',
  'pg',
  'better-sqlite3',
  'reflect-metadata',
  'rxjs',
].map((name) => ({ name, message: PURE }));
/** Framework-bound libraries of this repository (Nest modules, entities, queues, logger). */
const FRAMEWORK_LIBS = [
  '@vigie/config',
  '@vigie/database',
  '@vigie/queue',
  '@vigie/observability',
  '@vigie/testing',
].map((name) => ({ name, message: PURE }));
const FRAMEWORK_PATTERNS = {
  group: [
    '@nestjs/*',
    '@bull-board/*',
    'typeorm/*',
    'bullmq/*',
    '**/libs/{config,database,queue,observability}/**',
  ],
  message: PURE,
};
const LIBS_NEVER_IMPORT_APPS = { group: ['**/apps/**'], message: 'libs never import apps' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'libs/database/src/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [LIBS_NEVER_IMPORT_APPS] }] },
  },
  {
    files: PURE_LIBS.map((lib) => `libs/${lib}/**/*.ts`),
    ignores: ['libs/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...FRAMEWORK_PATHS, ...FRAMEWORK_LIBS],
          patterns: [LIBS_NEVER_IMPORT_APPS, FRAMEWORK_PATTERNS],
        },
      ],
    },
  },
  {
    // Tests of pure libraries may use the test helpers (and the configuration's project root), not the framework.
    files: PURE_LIBS.map((lib) => `libs/${lib}/**/*.spec.ts`),
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: FRAMEWORK_PATHS, patterns: [LIBS_NEVER_IMPORT_APPS, FRAMEWORK_PATTERNS] },
      ],
    },
  },
  {
    files: ['libs/config-audit/**/*.ts'],
    ignores: ['libs/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // Repeats the pure-library rule: a later block replaces, not extends, an earlier one's options.
          paths: [...FRAMEWORK_PATHS, ...FRAMEWORK_LIBS],
          patterns: [
            LIBS_NEVER_IMPORT_APPS,
            FRAMEWORK_PATTERNS,
            {
              group: ['@vigie/scan-checks', '**/scan-checks/**'],
              message:
                'the configuration audits never depend on the network checks (the runner depends on them)',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/apps/api/**', '**/api/src/**'], message: 'the worker never imports the API' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/apps/worker/**', '**/worker/src/**'], message: 'the API never imports the worker' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
