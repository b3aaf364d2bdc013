import { defineProject } from 'vitest/config'

// Cross-package tests: integration (real server, real SQLite file) and e2e (real Chromium).
export default defineProject({
  test: {
    name: 'tests',
    environment: 'node',
    include: [
      'integration/**/*.test.ts',
      'e2e/**/*.test.ts',
      'cli/**/*.test.ts',
      'security/**/*.test.ts',
      'fuzz/**/*.test.ts',
    ],
    globalSetup: ['./global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
