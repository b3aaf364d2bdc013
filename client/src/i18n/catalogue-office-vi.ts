import type { Messages } from './catalogue-merge.ts'

// The Vietnamese messages of the office pages (analysis, data quality, administration), loaded
// when one of them opens: a surveyor's tablet never downloads them at start.
export default import.meta.glob<Messages>(
  './messages/{admin,analysis,invitations,paperforms,quality,register,rounds}.vi.json',
  {
    eager: true,
    import: 'default',
  },
)
