/**
 * One jest run for the whole repository. The global setup starts one real PostgreSQL (embedded, or
 * the server in DATABASE_URL) for every suite; each test file makes its own databases on it.
 */
// type-checking is tsc's job (pnpm typecheck); jest only transpiles, file by file
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }];

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/test/kit/global-setup.js',
  globalTeardown: '<rootDir>/test/kit/global-teardown.js',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest },
  moduleNameMapper: { '^@district/common$': '<rootDir>/services/common/src/index.ts' },
  testMatch: [
    '<rootDir>/services/*/test/**/*.test.ts',
    '<rootDir>/gateway/test/**/*.test.ts',
    '<rootDir>/schema/test/**/*.test.ts',
    '<rootDir>/test/**/*.test.ts',
  ],
  testTimeout: 120_000,
  maxWorkers: 2,
};
