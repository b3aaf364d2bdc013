import { randomUUID } from 'node:crypto'
import { DomainError, type Response } from '@parsurvey/shared'
import { makeResponse, makeSurvey } from '@parsurvey/shared/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CodeResponses } from '../codes/code-responses.ts'
import { prepareResponse } from '../sync/ingest.ts'
import { portVariants, type PortCase } from '../testing/port-engines.ts'
import { seedStorage } from '../testing/storage-engines.ts'
import { accessCodeStore } from './access-code-store.ts'
import { respondentStore } from './respondent-store.ts'
import { sittingDraftStore } from './sitting-draft-store.ts'
import type { Async } from './backend.ts'
import { codeResponseStore } from './code-response-store.ts'
import type { Storage } from './open-storage.ts'

const survey = makeSurvey()
const NOW = '2025-10-01T08:00:00.000Z'

/** An online response of citizens of huyen-a, as the online form sends it with a code. */
const online = (overrides: Partial<Response> = {}): Response =>
  makeResponse({
    id: randomUUID(),
    surveyId: survey.id,
    surveyVersion: survey.version,
    unitId: 'huyen-a',
    groupId: 'citizen',
    locationId: 'xa-1',
    channel: 'online',
    deviceId: 'online',
    answers: { q1: 'good' },
    ...overrides,
  })

/** Issues `count` codes of one batch; their ids. */
async function issueCodes(storage: Storage, count: number): Promise<number[]> {
  let drawn = 0
  const codes = accessCodeStore(storage.db)
  const batch = {
    surveyId: survey.id,
    surveyVersion: survey.version,
    unitId: 'huyen-a',
    groupId: 'citizen',
    locationId: 'xa-1',
    count,
    note: null,
    expiresAt: null,
    createdAt: NOW,
    createdBy: null,
  }
  const id = await codes.issue(batch, () => ({ hash: `hash-${drawn}`, sealed: `sealed-${drawn++}` }), new Date(NOW))
  return (await codes.codes(id)).map((c) => c.id)
}

const delegate = {
  name: 'Lê Văn Cường',
  position: 'Đại biểu HĐND',
  organisation: 'HĐND tỉnh',
  groupId: 'citizen',
  ownUnitId: null,
  email: 'cuong@example.vn',
  phone: null,
}

const errorCode = (error: unknown) => (error instanceof DomainError ? error.code : String(error))

async function responseIds(storage: Storage): Promise<string[]> {
  const rows = await storage.db.selectFrom('responses').select('id').orderBy('id').execute()
  return rows.map((r) => r.id)
}

const variants = portVariants<Async<CodeResponses>>(
  (services) => services.codeResponses,
  (storage) => codeResponseStore(storage),
)

describe.each(variants)('responses answered with an access code, on $name', (variant) => {
  let opened: PortCase<Async<CodeResponses>>
  beforeEach(async () => {
    opened = await variant.open()
    await seedStorage(opened.storage, survey, [])
  })
  afterEach(() => opened.drop())

  it('stores the response and marks its code used with it', async () => {
    const [code] = await issueCodes(opened.storage, 1)
    const response = online()
    const receipt = await opened.port.store(prepareResponse(survey, response), { codeId: code! }, NOW, 'en')
    expect(receipt).toMatchObject({ id: response.id, status: 'stored', receivedAt: NOW })
    const [stored] = await accessCodeStore(opened.storage.db).codes((await seededBatch(opened.storage))!)
    expect(stored).toMatchObject({ usedAt: NOW, responseId: response.id })
    expect(await responseIds(opened.storage)).toEqual([response.id])
  })

  it('lets one of two servers storing with one code at once win; the other stores nothing', async () => {
    const codes = await issueCodes(opened.storage, 8)
    const second = await opened.second()
    const outcomes = await Promise.all(
      codes.map((code) =>
        Promise.allSettled(
          [opened.port, second].map((port) =>
            port.store(prepareResponse(survey, online()), { codeId: code }, NOW, 'en'),
          ),
        ),
      ),
    )
    const winners: string[] = []
    for (const pair of outcomes) {
      const won = pair.filter((o) => o.status === 'fulfilled').map((o) => o.value.id)
      const lost = pair.filter((o) => o.status === 'rejected').map((o) => errorCode(o.reason))
      expect(won).toHaveLength(1)
      expect(lost).toEqual(['code-used'])
      winners.push(won[0]!)
    }
    // One response per code, the winner's, linked to its code.
    expect(await responseIds(opened.storage)).toEqual([...winners].sort())
    const stored = await accessCodeStore(opened.storage.db).codes((await seededBatch(opened.storage))!)
    expect(stored.map((c) => c.responseId)).toEqual(winners)
  })

  it('refuses a used code and an id another response holds, storing nothing and leaving the code as it was', async () => {
    const [used, fresh] = await issueCodes(opened.storage, 2)
    const first = online()
    await opened.port.store(prepareResponse(survey, first), { codeId: used! }, NOW, 'en')
    const refusals = await Promise.allSettled([
      opened.port.store(prepareResponse(survey, online()), { codeId: used! }, NOW, 'en'),
      opened.port.store(
        prepareResponse(survey, online({ id: first.id, answers: { q1: 'poor' } })),
        { codeId: fresh! },
        NOW,
        'en',
      ),
    ])
    expect(refusals.map((r) => (r.status === 'rejected' ? errorCode(r.reason) : r.status))).toEqual([
      'code-used',
      'code-response-id-taken',
    ])
    expect(await responseIds(opened.storage)).toEqual([first.id])
    const codes = await accessCodeStore(opened.storage.db).codes((await seededBatch(opened.storage))!)
    expect(codes.map((c) => c.responseId)).toEqual([first.id, null])
  })
  it('sends a unit of a sitting once through two servers at once, and its draft goes with it', async () => {
    const people = respondentStore(opened.storage)
    const person = { ...delegate, units: ['huyen-a', 'huyen-b'] }
    const id = await people.add(survey.id, person, { hash: 'personal', sealed: 's' }, NOW)
    const drafts = sittingDraftStore(opened.storage)
    expect(await drafts.save(id, 'huyen-a', { answers: { q1: 'fair' } }, NOW)).toBe('saved')
    expect(await drafts.save(id, 'huyen-b', { answers: { q1: 'fair' } }, NOW)).toBe('saved')
    const second = await opened.second()
    const use = { respondentId: id, unitId: 'huyen-a' }
    const sent = await Promise.allSettled(
      [opened.port, second].map((port) => port.store(prepareResponse(survey, online()), use, NOW, 'en')),
    )
    expect(sent.map((o) => (o.status === 'rejected' ? errorCode(o.reason) : o.value.status)).sort()).toEqual([
      'sitting-unit-sent',
      'stored',
    ])
    expect(await responseIds(opened.storage)).toHaveLength(1)
    expect((await people.get(id))?.unitStates).toEqual([
      { unitId: 'huyen-a', submitted: true },
      { unitId: 'huyen-b', submitted: false },
    ])
    expect([...(await drafts.of(id)).keys()]).toEqual(['huyen-b'])
  })
})

/** The one batch issued in a test. */
async function seededBatch(storage: Storage): Promise<number | undefined> {
  const row = await storage.db.selectFrom('code_batches').select('id').executeTakeFirst()
  return row?.id
}
