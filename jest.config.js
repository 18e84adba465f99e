/**
 * Nest 12 packages are ESM-only and Jest on Node 20 cannot require ESM, so @swc/jest compiles both our
 * TypeScript and those packages to CommonJS (see ../shared/research/stack.md, section 3).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
    },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  // Pure libraries (engines, checks) never touch the database: the second dialect pass leaves them out.
  testMatch:
    process.env.VIGIE_DATABASE_TESTS_ONLY === '1'
      ? [
          '<rootDir>/{apps,libs/database,libs/testing,libs/queue,libs/config}/**/*.spec.ts',
          '<rootDir>/test/**/*.e2e-spec.ts',
        ]
      : ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.(t|m?j)s$': swc },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|strtok3|token-types|peek-readable|@tokenizer|uint8array-extras)/)',
  ],
  moduleNameMapper: { '^@vigie/(.*)$': '<rootDir>/libs/$1/src' },
  setupFiles: ['<rootDir>/test/setup-env.js'],
  testTimeout: 60000,
  maxWorkers: process.env.JEST_MAX_WORKERS ?? '50%',
};
