import type { Bench } from './harness.ts'
export const fieldAppStart: Bench = { name: 'field-app-start', title: 'todo', run: () => Promise.resolve({ measures: [], checks: [], notes: [] }) }
