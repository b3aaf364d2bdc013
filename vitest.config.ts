import { defineConfig } from 'vitest/config'

// One test run for the whole workspace; each package is a project with its own environment.
export default defineConfig({
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    // Two cores here; browser tests each start a server and a Chromium, so more workers only thrash.
    maxWorkers: 2,
    projects: [
      'shared/vitest.config.ts',
      'server/vitest.config.ts',
      'server/vitest.storage.config.ts',
      'client/vitest.config.ts',
      'tests/vitest.config.ts',
    ],
  },
})
