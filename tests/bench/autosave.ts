import type { Bench } from './harness.ts'
export const autosave: Bench = { name: 'autosave', title: 'todo', run: () => Promise.resolve({ measures: [], checks: [], notes: [] }) }
