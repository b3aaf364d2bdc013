import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { createApi } from '../api/endpoints.ts'
import { createHttp, type FetchFn } from '../api/http.ts'
import { provideServices } from '../services.ts'
import { createDexieStorage } from '../storage/dexie-storage.ts'
import type { DeviceStore } from '../storage/storage.ts'
import { requestJson, testSurvey } from '../test/fixtures.ts'
import { useRespondentStore } from './respondent.ts'

const CODE = 'ABCD-EFGH-JKM0-PQR1'
let storage: DeviceStore
let online: boolean
let posted: { code: string; body: { id: string; answers: Record<string, string>; submittedAt: string } }[]
let dbCount = 0
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** The server's respond API at the network boundary: one code, used once; a resend of the same body is a duplicate. */
const fetch: FetchFn = async (url, init) => {
  if (!online) throw new TypeError('Failed to fetch')
  const code = decodeURIComponent(url.split('/').pop()!)
  if (code !== CODE)
    return json(404, { error: { code: 'code-not-found', message: 'Không tìm thấy mã.', field: 'code' } })
  if (init?.method === 'GET') {
    if (posted.length > 0)
      return json(410, { error: { code: 'code-used', message: 'Mã đã dùng lúc 2025-05-01 09:00.' } })
    return json(200, {
      survey: testSurvey(),
      unitId: 'huyen-a',
      groupId: 'citizen',
      locationId: 'xa-1',
      expiresAt: null,
    })
  }
  const body = (await requestJson(init)) as (typeof posted)[number]['body']
  const first = posted[0]
  if (first && JSON.stringify(first.body) !== JSON.stringify(body))
    return json(410, { error: { code: 'code-used', message: 'Mã đã dùng.' } })
  if (!first) posted.push({ code, body })
  return json(first ? 200 : 201, {
    id: body.id,
    status: first ? 'duplicate' : 'stored',
    hash: 'h',
    receivedAt: '2025-05-01T02:00:00.000Z',
  })
}

/** A new tab of the same browser. */
function reopen() {
  setActivePinia(createPinia())
  return useRespondentStore()
}

beforeEach(() => {
  online = true
  posted = []
  storage = createDexieStorage(`respondent-test-${++dbCount}`)
  provideServices({
    storage,
    api: createApi(createHttp({ fetch, locale: () => 'vi' })),
    now: () => new Date('2025-05-01T01:00:00Z'),
  })
})

async function answerAll(r: ReturnType<typeof useRespondentStore>) {
  await r.answer('age', 'young')
  await r.answer('q1', 'good')
  await r.answer('q3', 'poor')
  await r.goTo(r.questions.length)
}

describe('respondent store', () => {
  it('a typed code in any case opens the questionnaire of its group, and a closed tab resumes offline', async () => {
    const r = reopen()
    await r.open('abcd efgh jkm0 pqr1')
    expect(r.phase).toBe('answering')
    expect(r.questions.map((q) => q.id)).toEqual(['age', 'q1', 'q3', 'comment'])
    await r.answer('age', 'old')
    await r.advance()
    online = false
    const again = reopen()
    await again.open(CODE)
    expect(again.phase).toBe('answering')
    expect(again.question?.id).toBe('q1')
    expect(again.draft?.answers).toEqual({ age: 'old' })
    expect(again.draft?.id).toBe(r.draft?.id)
  })

  it('one code is one draft however it was typed: O for 0 and I or L for 1 find the same draft offline', async () => {
    const r = reopen()
    await r.open('abcd-efgh-jkmo-pqri')
    expect(r.phase).toBe('answering')
    await r.answer('age', 'old')
    online = false
    for (const typed of [CODE, 'ABCD EFGH JKM0 PQRL', 'ＡＢＣＤ－ＥＦＧＨ－ＪＫＭ０－ＰＱＲ１']) {
      const again = reopen()
      await again.open(typed)
      expect(again.draft?.id).toBe(r.draft?.id)
      expect(again.draft?.answers).toEqual({ age: 'old' })
    }
  })

  it('a draft an earlier release kept under the code as typed (with O and I) is still found from its link', async () => {
    // Earlier releases wrote the key with the letters as typed; its link carried that key too.
    const legacy = 'ABCD-EFGH-JKMO-PQRI'
    const grant = { survey: testSurvey(), unitId: 'huyen-a', groupId: 'citizen', locationId: 'xa-1', expiresAt: null }
    const stamp = '2025-05-01T08:00:00.000+07:00'
    const kept = {
      code: legacy,
      id: 'kept-id',
      grant,
      answers: { age: 'old' },
      cursor: 1,
      startedAt: stamp,
      updatedAt: stamp,
    }
    await storage.saveRespondentDraft(kept)
    online = false
    const r = reopen()
    await r.open(legacy)
    expect(r.phase).toBe('answering')
    expect(r.draft?.id).toBe('kept-id')
    expect(r.question?.id).toBe('q1')
  })

  it('offline at the end, the draft stays and says why; the retry sends the same body once', async () => {
    const r = reopen()
    await r.open(CODE)
    await answerAll(r)
    online = false
    expect(await r.submit()).toBe(false)
    expect(r.sendProblem?.kind).toBe('network')
    expect(r.phase).toBe('answering')
    online = true
    expect(await reopen().submit()).toBe(false) // a new tab has no draft open yet
    const again = reopen()
    await again.open(CODE)
    expect(await again.submit()).toBe(true)
    expect(again.phase).toBe('submitted')
    expect(posted).toHaveLength(1)
    expect(posted[0]?.body.answers).toEqual({ age: 'young', q1: 'good', q3: 'poor' })
  })

  it('a reply lost after the server stored it: the resend is recognised, not refused as used', async () => {
    const r = reopen()
    await r.open(CODE)
    await answerAll(r)
    expect(await r.submit()).toBe(true)
    const stored = await storage.respondentDraft(CODE)
    await storage.saveRespondentDraft({ ...stored!, receivedAt: undefined })
    const again = reopen()
    await again.open(CODE)
    expect(await again.submit()).toBe(true)
    expect(posted).toHaveLength(1)
  })

  it('after sending, the code reopens to the thank-you in this browser and to "used" elsewhere', async () => {
    const r = reopen()
    await r.open(CODE)
    await answerAll(r)
    await r.submit()
    const same = reopen()
    await same.open(CODE)
    expect(same.phase).toBe('submitted')
    storage = createDexieStorage(`respondent-test-${++dbCount}`)
    provideServices({ storage, api: createApi(createHttp({ fetch, locale: () => 'vi' })), now: () => new Date() })
    const elsewhere = reopen()
    await elsewhere.open(CODE)
    expect(elsewhere.phase).toBe('refused')
    expect(elsewhere.problem).toEqual({ kind: 'used', message: 'Mã đã dùng lúc 2025-05-01 09:00.' })
  })

  it('a wrong code is refused with the server message', async () => {
    const r = reopen()
    await r.open('ZZZZ-ZZZZ-ZZZZ-ZZZZ')
    expect(r.phase).toBe('refused')
    expect(r.problem?.kind).toBe('not-found')
    expect(await storage.respondentDraft('ZZZZ-ZZZZ-ZZZZ-ZZZZ')).toBeUndefined()
  })
})
