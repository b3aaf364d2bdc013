import type { Messages } from './catalogue-merge.ts'

// The Vietnamese feature files: a chunk of their own, so the app loads only the language on screen.
export default import.meta.glob<Messages>('./messages/*.vi.json', { eager: true, import: 'default' })
