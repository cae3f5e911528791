/** Jest runs TypeScript through SWC; NestJS 12 (and content-disposition, which @fastify/static loads) ship ES modules, so they are transformed too. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      // As tsc builds it (useDefineForClassFields false): DTO fields not sent are absent, not undefined.
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  transform: { '^.+\\.(t|j)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|content-disposition)/)'],
};

module.exports = {
  testTimeout: 60000,
  globalSetup: '<rootDir>/tests/support/global-setup.js',
  globalTeardown: '<rootDir>/tests/support/global-teardown.js',
  projects: [
    { ...common, displayName: 'sqlite and unit', testMatch: ['**/*.spec.ts'], testPathIgnorePatterns: ['/node_modules/', '\\.browser\\.spec\\.ts$'] },
    // The same HTTP suites, on PostgreSQL (TEST_DATABASE_URL, or a throwaway embedded server).
    { ...common, displayName: 'e2e on postgres', testMatch: ['<rootDir>/tests/e2e/**/*.spec.ts'], setupFiles: ['<rootDir>/tests/support/e2e-on-postgres.js'] },
    // The web view in headless Chromium (/usr/bin/chromium) against a real server; skipped, saying why, without it.
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/tests/browser/**/*.browser.spec.ts'] },
  ],
};
