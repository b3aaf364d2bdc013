import type { Messages } from './catalogue-merge.ts'

// The English field-app feature files: a chunk of their own, so the app loads only the language on
// screen. The office pages' files are in catalogue-office-en.ts (the list is OFFICE_FEATURES).
export default import.meta.glob<Messages>(
  ['./messages/*.en.json', '!./messages/{admin,analysis,invitations,paperforms,quality,register,rounds}.en.json'],
  { eager: true, import: 'default' },
)
