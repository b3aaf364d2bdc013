import { contentHash, DomainError } from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { surveysRepository } from '../db/surveys.ts'
import { addAdmin, portEngines, type PortCase } from '../testing/port-engines.ts'
import { surveyStore, type SurveyStore } from './survey-store.ts'

const T0 = new Date('2025-09-01T08:00:00Z')
const v1 = makeSurvey()
const v2 = makeSurvey({ version: 2, title: { vi: 'Phiếu thử nghiệm, lần 2', en: 'Test survey, second version' } })
const otherV1 = makeSurvey({ title: { vi: 'Phiếu khác', en: 'Another survey' } })

describe.each(portEngines(surveysRepository, surveyStore))('published surveys on $name', (engine) => {
  let opened: PortCase<SurveyStore>
  beforeEach(async () => {
    opened = await engine.open()
    await addAdmin(opened.storage, 1)
  })
  afterEach(() => opened.drop())

  const auditEntries = () =>
    opened.storage.db.selectFrom('audit_log').select(['action', 'target', 'user_id', 'after']).orderBy('seq').execute()

  it('publishes a version with its audit entry, and answers it on every read', async () => {
    const surveys = opened.port
    expect(await surveys.publish(v1, 1, T0)).toEqual({ created: true, hash: contentHash(v1) })
    expect(await surveys.publish(v2, 1, T0)).toEqual({ created: true, hash: contentHash(v2) })
    expect((await surveys.get(v1.id, 1))?.survey.title).toEqual(v1.title)
    expect(await surveys.get(v1.id, 3)).toBeUndefined()
    expect((await surveys.latest(v1.id))?.version).toBe(2)
    expect(await surveys.latest('no-such-survey')).toBeUndefined()
    expect((await surveys.previous(v1.id, 2))?.version).toBe(1)
    expect(await surveys.previous(v1.id, 1)).toBeUndefined()
    expect((await surveys.versions(v1.id)).map((s) => s.version)).toEqual([1, 2])
    const list = await surveys.list()
    expect(list.map((s) => [s.id, s.version, s.hash, s.publishedAt])).toEqual([
      [v1.id, 1, contentHash(v1), T0.toISOString()],
      [v1.id, 2, contentHash(v2), T0.toISOString()],
    ])
    expect(await auditEntries()).toEqual([
      { action: 'survey-publish', target: `${v1.id}@1`, user_id: 1, after: JSON.stringify({ hash: contentHash(v1) }) },
      { action: 'survey-publish', target: `${v1.id}@2`, user_id: 1, after: JSON.stringify({ hash: contentHash(v2) }) },
    ])
  })

  it('takes the same file again as a no-op, and refuses other content under a published version', async () => {
    const surveys = opened.port
    await surveys.publish(v1, 1, T0)
    expect(await surveys.publish(makeSurvey(), 1, T0)).toEqual({ created: false, hash: contentHash(v1) })
    const refused = await surveys.publish(otherV1, 1, T0).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(DomainError)
    expect(refused).toMatchObject({ code: 'survey-version-exists', field: 'version', status: 409 })
    expect((await surveys.get(v1.id, 1))?.survey.title).toEqual(v1.title)
    expect(await auditEntries()).toHaveLength(1)
  })

  it('publishes a version once when two servers publish it at the same moment', async () => {
    const other = await opened.second()
    const results = await Promise.all([
      opened.port.publish(v1, 1, T0),
      other.publish(makeSurvey(), 1, T0),
      opened.port.publish(makeSurvey(), 1, T0),
      other.publish(makeSurvey(), 1, T0),
    ])
    expect(results.filter((r) => r.created)).toHaveLength(1)
    expect(await auditEntries()).toHaveLength(1)
  })

  it('of two servers publishing different content under one version at once, one wins and the other gets a 409', async () => {
    const other = await opened.second()
    const [a, b] = await Promise.allSettled([opened.port.publish(v1, 1, T0), other.publish(otherV1, 1, T0)])
    const won = [a, b].filter((r) => r.status === 'fulfilled')
    const lost = [a, b].filter((r) => r.status === 'rejected')
    expect(won).toHaveLength(1)
    expect(lost).toHaveLength(1)
    expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'survey-version-exists', status: 409 })
    const stored = await opened.storage.db.selectFrom('surveys').select('hash').execute()
    expect(stored).toEqual([{ hash: (won[0] as PromiseFulfilledResult<{ hash: string }>).value.hash }])
    expect(await auditEntries()).toHaveLength(1)
  })

  it('finds on one server a version published through the other after it read the list', async () => {
    const other = await opened.second()
    await opened.port.publish(v1, 1, T0)
    expect((await other.list()).map((s) => s.version)).toEqual([1])
    await opened.port.publish(v2, 1, T0)
    expect((await other.latest(v1.id))?.version).toBe(2)
    expect((await other.get(v1.id, 2))?.hash).toBe(contentHash(v2))
    expect((await other.list()).map((s) => s.version)).toEqual([1, 2])
  })
})
