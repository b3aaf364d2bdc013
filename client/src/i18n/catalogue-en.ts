import type { Messages } from './catalogue-merge.ts'

// The English feature files: a chunk of their own, so the app loads only the language on screen.
export default import.meta.glob<Messages>('./messages/*.en.json', { eager: true, import: 'default' })
