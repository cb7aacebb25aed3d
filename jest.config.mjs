// Jest runs in native ESM mode (NestJS 12 ships ESM only). ts-jest transpiles each file on its own
// (isolatedModules: no type checking here, `npm run typecheck` does that) and keeps the decorator
// metadata Nest's dependency injection reads.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  setupFiles: ['<rootDir>/test/setup/reflect.ts'],
  testTimeout: 30000,
};
