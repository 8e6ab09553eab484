/**
 * One jest run for the whole repository. The global setup starts one real PostgreSQL (embedded, or
 * the server in DATABASE_URL) and loads Shangjie once into template databases; each test file makes
 * its own databases on it. Workspace packages are read from source, as the typecheck reads them.
 */
// type-checking is tsc's job (pnpm typecheck); jest only transpiles, file by file
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }];

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/test/kit/global-setup.js',
  globalTeardown: '<rootDir>/test/kit/global-teardown.js',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest },
  moduleNameMapper: {
    '^@district/testkit$': '<rootDir>/test/kit/index.ts',
    '^@district/infra$': '<rootDir>/infra/src/index.ts',
    '^@district/telemetry/register$': '<rootDir>/services/telemetry/src/register.ts',
    '^@district/gateway$': '<rootDir>/gateway/src/server.ts',
    '^@district/(.+)$': '<rootDir>/services/$1/src/index.ts',
  },
  testMatch: [
    '<rootDir>/services/*/test/**/*.test.ts',
    '<rootDir>/gateway/test/**/*.test.ts',
    '<rootDir>/schema/test/**/*.test.ts',
    '<rootDir>/test/**/*.test.ts',
  ],
  // generous: a loaded machine is slow, and a test must not fail for it (no test asserts time)
  testTimeout: 300_000,
  maxWorkers: 2,
};
