/** Three projects: unit tests beside the code, integration and e2e tests in test/ (real Temporal, DB, Chromium). */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json' }];
const { existsSync } = require('node:fs');
const { join } = require('node:path');

/** Only folders that exist: a clean clone has no empty folders. */
const existing = (...dirs) => dirs.filter((d) => existsSync(join(__dirname, d))).map((d) => `<rootDir>/${d}`);

/** The packages of ES modules only that tests load; Node 20 requires them natively, Jest's registry does not. */
const ES_MODULES = [
  'openid-client',
  'oauth4webapi',
  'jose',
  'parse-json',
  'supports-color',
  'index-to-position',
  'change-case',
].join('|');

const base = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': tsJest,
    // Packages that ship only ES modules (openid-client and its dependencies; those openapi-typescript requires):
    // compiled to CommonJS for Jest's module registry.
    [`^.+/node_modules/(${ES_MODULES})/.+\\.js$`]: ['ts-jest', { tsconfig: { allowJs: true } }],
  },
  // Ignored: a package's files unless the innermost node_modules/ holds one of those (a copy nested in another's too).
  transformIgnorePatterns: [`/node_modules/(?!(${ES_MODULES})/)[^/]+/(?!.*node_modules/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  testTimeout: 180000,
  projects: [
    {
      ...base,
      displayName: 'unit',
      roots: existing(
        'domain',
        'workflows',
        'activities',
        'db',
        'api',
        'mail-intake',
        'templates',
        'config',
        'scripts',
      ),
      testMatch: ['**/*.test.ts'],
    },
    {
      ...base,
      displayName: 'integration',
      roots: ['<rootDir>/test/integration'],
      testMatch: ['**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/timeouts.ts'],
    },
    {
      ...base,
      displayName: 'durability',
      roots: ['<rootDir>/test/durability'],
      testMatch: ['**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/timeouts.ts'],
    },
    {
      ...base,
      displayName: 'cluster',
      roots: ['<rootDir>/test/cluster'],
      testMatch: ['**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/timeouts.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/timeouts.ts'],
    },
  ],
};
