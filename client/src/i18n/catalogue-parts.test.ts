import { describe, expect, it } from 'vitest'
import { featureOf, OFFICE_FEATURES, type Messages } from './catalogue-merge.ts'
import { catalogueFiles } from './catalogues.ts'
import fieldEn from './catalogue-en.ts'
import officeEn from './catalogue-office-en.ts'
import officeVi from './catalogue-office-vi.ts'
import fieldVi from './catalogue-vi.ts'

const featuresOf = (files: Record<string, Messages>) =>
  Object.keys(files)
    .map((path) => featureOf(path).feature)
    .sort()

/** Where the office pages and what only they use live; everything else may be on a surveyor's tablet at start. */
const OFFICE_SOURCE =
  /^\.\.\/(pages\/(admin|analysis|quality)|components\/(admin|analysis|quality|register|invitations|charts|paper))\//
const sources = import.meta.glob<string>('../**/*.{vue,ts}', { query: '?raw', import: 'default', eager: true })
const fieldSources = Object.entries(sources).filter(([path]) => !OFFICE_SOURCE.test(path) && !/\.test\.ts$/.test(path))

describe('the two parts of each catalogue', () => {
  it.each([
    ['vi', fieldVi, officeVi],
    ['en', fieldEn, officeEn],
  ])(
    '%s: the field part and the office part share out every feature file, the office part is OFFICE_FEATURES',
    (_, field, office) => {
      expect(featuresOf(office)).toEqual([...OFFICE_FEATURES].sort())
      expect(featuresOf(field)).toEqual(
        Object.keys(catalogueFiles)
          .filter((f) => !featuresOf(office).includes(f))
          .sort(),
      )
    },
  )

  it('no field-side source uses an office message or imports an office component', () => {
    expect(fieldSources.length).toBeGreaterThan(50)
    const officeKeys = Object.values(officeVi).flatMap((messages) => Object.keys(messages))
    expect(officeKeys).toContain('admin')
    for (const [path, text] of fieldSources) {
      for (const key of officeKeys) expect(text, `${path} uses ${key}.…`).not.toMatch(new RegExp(`['"\`]${key}\\.`))
      expect(text, `${path} imports an office component`).not.toMatch(
        /from '[./]*\/?(components\/)?(admin|analysis|quality|register|invitations|charts|paper)\/[^']*'/,
      )
    }
  })
})
