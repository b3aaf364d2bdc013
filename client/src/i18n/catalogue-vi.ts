import type { Messages } from './catalogue-merge.ts'

// The Vietnamese field-app feature files: a chunk of their own, so the app loads only the language
// on screen. The office pages' files are in catalogue-office-vi.ts (the list is OFFICE_FEATURES).
export default import.meta.glob<Messages>(
  ['./messages/*.vi.json', '!./messages/{admin,analysis,invitations,paperforms,quality,register,rounds}.vi.json'],
  { eager: true, import: 'default' },
)
