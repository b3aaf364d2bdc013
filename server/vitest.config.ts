import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'server',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // src/storage and the route suites on both engines run in the storage project
    // (vitest.storage.config.ts), beside a test PostgreSQL.
    exclude: ['src/storage/**', 'src/**/*.engines.test.ts'],
    testTimeout: 20_000,
    // Some suites set up a whole survey in beforeAll (accounts with real password hashes, a register,
    // sittings, paper keyings): on a loaded 2-core machine that outgrew the 10 s default and skipped
    // the whole confidentiality suite.
    hookTimeout: 60_000,
  },
})
