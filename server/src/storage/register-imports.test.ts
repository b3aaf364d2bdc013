import { checkRegister, type RegisterTable } from '@parsurvey/shared'
import { makeRegisterSurvey } from '@parsurvey/shared/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RegisterImportsRepository } from '../db/register-imports.ts'
import type { RegisterImport } from '../register/register-people.ts'
import { portVariants, type PortCase } from '../testing/port-engines.ts'
import { auditStore } from './audit-store.ts'
import type { Async } from './backend.ts'
import { registerImportStore } from './register-import-store.ts'
import { respondentStore } from './respondent-store.ts'

const survey = makeRegisterSurvey()
const NOW = new Date('2025-10-01T08:00:00.000Z')
const header = ['name', 'organisation', 'group', 'email', 'units']
const table = (...rows: string[][]): RegisterTable => ({
  format: 'csv',
  header,
  rows: rows.map((cells, i) => ({ line: i + 2, cells })),
})
const an = ['Nguyễn Văn An', 'HĐND tỉnh', 'delegate', 'an@example.vn', 'all']
const binh = ['Trần Thị Bình', 'Sở Y tế', 'dept-leader', 'binh@example.vn', 'so-noi-vu']

/** An import of `file`, its codes drawn from `codes` in turn. */
function request(file: RegisterTable, codes: string[]): RegisterImport {
  return {
    surveyId: survey.id,
    check: (people) => checkRegister(survey, file, people, 'en'),
    draw: () => {
      const hash = codes.shift()!
      return { hash, sealed: `sealed-${hash}` }
    },
    userId: null,
    source: 'danh-sách.csv',
  }
}

const variants = portVariants<Async<RegisterImportsRepository>>(
  (services) => services.registerImports,
  (storage) => registerImportStore(storage),
)

describe.each(variants)('register imports on $name', (variant) => {
  let opened: PortCase<Async<RegisterImportsRepository>>
  beforeEach(async () => {
    opened = await variant.open()
  })
  afterEach(() => opened.drop())

  it('adds and changes people in one import with its audit entry, drawing again a code already given', async () => {
    const first = await opened.port.apply(request(table(an), ['h-an']), NOW)
    expect(first).toMatchObject({ applied: { surveyId: survey.id, added: 1, updated: 0, unchanged: 0, total: 1 } })
    const moved = [...binh]
    const second = await opened.port.apply(
      request(table([...an.slice(0, 4), 'so-y-te'], moved), ['h-an', 'h-binh']),
      NOW,
    )
    expect(second).toMatchObject({ applied: { added: 1, updated: 1, unchanged: 0, total: 2 } })
    const people = await respondentStore(opened.storage).list(survey.id)
    expect(people.map((p) => [p.name, p.codeHash, p.units])).toEqual([
      ['Nguyễn Văn An', 'h-an', ['so-y-te']],
      ['Trần Thị Bình', 'h-binh', ['so-noi-vu']],
    ])
    const entries = await auditStore(opened.storage.db).list()
    expect(entries.map((e) => [e.action, e.target, (e.after as { added: number }).added])).toEqual([
      ['register-import', survey.id, 1],
      ['register-import', survey.id, 1],
    ])
  })

  it('refuses a file with an error, writing nothing', async () => {
    const outcome = await opened.port.apply(
      request(table(an, ['Không nhóm', '', 'no-such-group', 'x@example.vn', 'all']), ['h1', 'h2']),
      NOW,
    )
    expect('refused' in outcome && outcome.refused.ok).toBe(false)
    expect(await respondentStore(opened.storage).list(survey.id)).toEqual([])
    expect(await auditStore(opened.storage.db).list()).toEqual([])
  })

  it('adds each person once when two servers import the same file at once', async () => {
    const second = await opened.second()
    const outcomes = await Promise.all([
      opened.port.apply(request(table(an, binh), ['a1', 'b1']), NOW),
      second.apply(request(table(an, binh), ['a2', 'b2']), NOW),
    ])
    const added = outcomes.map((o) => ('applied' in o ? o.applied.added : -1)).sort()
    expect(added).toEqual([0, 2])
    expect(await respondentStore(opened.storage).list(survey.id)).toHaveLength(2)
  })
})
