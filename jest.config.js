/** Two projects: fast unit tests mirroring src/, and integration tests over loopback HTTP. */
const common = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/test/integration/**/*.test.ts',
        '<rootDir>/test/golden/**/*.test.ts',
        '<rootDir>/test/regressions/**/*.test.ts',
        '<rootDir>/test/browser/**/*.test.ts',
      ],
    },
  ],
};
