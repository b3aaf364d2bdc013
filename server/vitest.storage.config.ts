import { defineProject } from 'vitest/config'

// The storage boundary's tests: each store runs against SQLite and a real PostgreSQL, which the
// global setup starts once per run (or takes from PARSURVEY_TEST_PG_URL); so do the route suites
// named `*.engines.test.ts` (the app on either backend).
export default defineProject({
  test: {
    name: 'storage',
    environment: 'node',
    include: ['src/storage/**/*.test.ts', 'src/**/*.engines.test.ts'],
    globalSetup: ['./src/testing/postgres-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
})
