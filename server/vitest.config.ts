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
  },
})
