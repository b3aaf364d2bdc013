import vue from '@vitejs/plugin-vue'
import { defineProject } from 'vitest/config'

export default defineProject({
  plugins: [vue()],
  test: {
    name: 'client',
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['fake-indexeddb/auto'],
    // Store tests drive fake IndexedDB; a loaded machine can take over the 5 s default (hangs, not speed).
    testTimeout: 20_000,
  },
})
