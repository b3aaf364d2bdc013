import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { surveyRoundsRepository } from '../db/survey-rounds.ts'
import { addAdmin, portEngines, type PortCase } from '../testing/port-engines.ts'
import { surveyRoundStore } from './survey-round-store.ts'

const T0 = new Date('2025-09-01T08:00:00Z')
const SURVEY = 'test-2025-district'
const fileRound = { opens: '2025-09-01', closes: '2025-10-31' }
const rounds = [
  { opens: '2025-09-15', closes: '2025-11-15' },
  { opens: '2025-10-01', closes: '2025-12-31' },
  { opens: '2025-09-20', closes: '2025-11-30' },
  { opens: '2025-09-05', closes: '2025-10-05' },
]

describe.each(portEngines(surveyRoundsRepository, surveyRoundStore))('survey rounds on $name', (engine) => {
  let opened: PortCase<ReturnType<typeof surveyRoundStore>>
  beforeEach(async () => {
    opened = await engine.open()
    await addAdmin(opened.storage, 1)
  })
  afterEach(() => opened.drop())

  const audit = async () =>
    (
      await opened.storage.db
        .selectFrom('audit_log')
        .select(['action', 'target', 'user_id', 'before', 'after'])
        .orderBy('seq')
        .execute()
    ).map((e) => ({ ...e, before: JSON.parse(e.before!) as unknown, after: JSON.parse(e.after!) as unknown }))

  it("sets a survey's round over its file's, with before and after in the audit log", async () => {
    const port = opened.port
    expect(await port.get(SURVEY)).toBeUndefined()
    expect(await port.set(SURVEY, rounds[0]!, 1, T0, fileRound)).toEqual(fileRound)
    expect(await port.get(SURVEY)).toEqual(rounds[0])
    expect(await port.set(SURVEY, rounds[1]!, null, T0, fileRound)).toEqual(rounds[0])
    expect(await (await opened.second()).get(SURVEY)).toEqual(rounds[1])
    expect(await port.get('another-survey')).toBeUndefined()
    expect(await audit()).toEqual([
      { action: 'survey-round-set', target: SURVEY, user_id: 1, before: fileRound, after: rounds[0] },
      { action: 'survey-round-set', target: SURVEY, user_id: null, before: rounds[0], after: rounds[1] },
    ])
    const [row] = await opened.storage.db.selectFrom('survey_rounds').selectAll().execute()
    expect(row).toMatchObject({ survey_id: SURVEY, set_at: T0.toISOString(), set_by: null })
  })

  it('records one unbroken chain of changes when two servers set the round at once', async () => {
    const other = await opened.second()
    await Promise.all(rounds.map((round, i) => (i % 2 ? other : opened.port).set(SURVEY, round, 1, T0, fileRound)))
    const entries = await audit()
    expect(entries).toHaveLength(rounds.length)
    // Each change starts from the one before it: none is lost from the log.
    expect(entries[0]!.before).toEqual(fileRound)
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.before).toEqual(entries[i - 1]!.after)
    expect(await opened.port.get(SURVEY)).toEqual(entries.at(-1)!.after)
    expect(new Set(entries.map((e) => JSON.stringify(e.after)))).toEqual(new Set(rounds.map((r) => JSON.stringify(r))))
  })
})
