import type { Messages } from './catalogue-merge.ts'

// The English messages of the office pages (analysis, data quality, administration), loaded when
// one of them opens.
export default import.meta.glob<Messages>(
  './messages/{admin,analysis,invitations,paperforms,quality,register,rounds}.en.json',
  {
    eager: true,
    import: 'default',
  },
)
