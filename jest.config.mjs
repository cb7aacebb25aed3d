// Jest runs in native ESM mode (NestJS 12 ships ESM only). ts-jest transpiles each file on its own
// (isolatedModules: no type checking here, `npm run typecheck` does that) and keeps the decorator
// metadata Nest's dependency injection reads.
// tsconfig.jest.json asks for a separate source map, not an inline one: Jest's ESM runtime does not
// read inline maps, and failures would point at lines of the compiled file.
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
