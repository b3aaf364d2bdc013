import { defineProject } from 'vitest/config'

// Property tests run thousands of cases: a loaded machine (CI beside other jobs) can take well
// over vitest's 5 s default. Time limits here catch hangs, not slowness (that is pnpm bench's job).
export default defineProject({
  test: { name: 'shared', environment: 'node', include: ['src/**/*.test.ts'], testTimeout: 20_000 },
})
