import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'server',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // src/storage runs in the storage project (vitest.storage.config.ts), beside a test PostgreSQL.
    exclude: ['src/storage/**'],
    testTimeout: 20_000,
  },
})
