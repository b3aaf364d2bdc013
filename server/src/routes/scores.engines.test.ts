import type {
  AdjustmentsState,
  Response,
  ScoresReply,
  SelfAssessmentState,
  Survey,
  SyncResult,
} from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readProgressRows, readScoringRows } from '../storage/aggregate-rows.ts'
import { aggregateStore } from '../storage/aggregate-store.ts'
import type { Storage } from '../storage/open-storage.ts'
import { appBackends } from '../testing/app-backends.ts'
import { appsSignedIn, type AppAccount } from '../testing/app-sign-in.ts'
import { normalRows, responses } from '../testing/response-fixtures.ts'

/**
 * Scores, progress, results and their exports through HTTP on either backend (docs/storage.md),
 * with responses sent through `POST /api/sync`. Two app servers (testing/app-backends.ts): on
 * PostgreSQL two apps, each with its own pool, on one database; on SQLite one process is the
 * database's only server, so "both" are the same app.
 */
const survey = makeSurvey()
const key = { surveyId: survey.id, surveyVersion: survey.version }
const query = `surveyId=${survey.id}&version=${survey.version}`
const ACCOUNTS: AppAccount[] = [
  ['quan-tri', 'admin', 'all'],
  ['phan-tich', 'analyst', 'all'],
  ['giam-sat', 'supervisor', ['huyen-a']],
  ['lan', 'surveyor', ['huyen-a', 'huyen-b']],
  ['minh', 'surveyor', ['huyen-b']],
]
const [A, B] = [0, 1] as const

/** One backend with the test survey published and the accounts above, and how to talk to its servers. */
async function start(backend: (typeof appBackends)[number]) {
  const opened = await backend.open()
  await opened.one.surveys.publish(survey, null)
  const { apps, signIn } = await appsSignedIn(opened, ACCOUNTS)
  async function call(
    server: number,
    url: string,
    as: string,
    body?: { type: string; text: string },
  ): Promise<globalThis.Response> {
    const cookie = await signIn(as)
    return apps[server]!.request(url, {
      method: body ? 'POST' : 'GET',
      headers: { cookie, 'accept-language': 'en', ...(body ? { 'content-type': body.type } : {}) },
      body: body?.text,
    })
  }
  async function json<T = unknown>(server: number, url: string, as: string): Promise<T> {
    const res = await call(server, url, as)
    expect(res.status).toBe(200)
    return (await res.json()) as T
  }
  return {
    ...opened,
    signIn,
    call,
    json,
    /** Publishes another survey version. */
    publish: (definition: Survey) => opened.one.surveys.publish(definition, null),
    /** Sends `sent` as one sync batch from `sender` through `server`; each must be stored. */
    async store(server: number, sender: string, sent: Response[]) {
      const res = await call(server, '/api/sync', sender, {
        type: 'application/json',
        text: JSON.stringify({ responses: sent }),
      })
      expect(res.status).toBe(200)
      const { results } = (await res.json()) as { results: SyncResult[] }
      expect(results.map((r) => r.status)).toEqual(sent.map(() => 'stored'))
    },
    /** Imports a CSV of self-assessment points or adjustments through `server`. */
    async apply(server: number, kind: 'self-assessment' | 'adjustments', csv: string) {
      const res = await call(server, `/api/${kind}/apply?${query}`, 'phan-tich', { type: 'text/csv', text: csv })
      expect(res.status).toBe(201)
    },
  }
}

const unit = (reply: ScoresReply, unitId: string) => reply.units.find((u) => u.unitId === unitId)!

/** How many responses the test version's aggregate tables count, read directly (no fold). */
async function counted(storage: Storage): Promise<number> {
  return (await readScoringRows(storage.db, key)).tallies.reduce((n, t) => n + t.responses, 0)
}

/** The live aggregates of the test version equal what a rebuild of its `responses` writes. */
async function expectEqualToRebuild(storage: Storage, responses: number): Promise<void> {
  const read = async () => ({
    rows: normalRows(await readScoringRows(storage.db, key)),
    progress: await readProgressRows(storage.db, key),
  })
  const live = await read()
  expect(await aggregateStore(storage).rebuild(survey)).toMatchObject({ responses })
  expect(await read()).toEqual(live)
}

describe('scores, progress, results and their exports through HTTP', () => {
  it('give the same figures on SQLite and PostgreSQL for the same responses', async () => {
    const byLan = [...responses(9, 'huyen-a'), ...responses(2, 'huyen-b')]
    const byMinh = responses(5, 'huyen-b', (i) => `2025-10-0${2 + (i % 2)}T16:30:00Z`)
    // A second version that scores alike (one data set with version 1), and next year's survey.
    const v2 = makeSurvey({ version: 2 })
    v2.questions.find((q) => q.id === 'q1')!.text = { vi: 'Câu một, viết gọn lại' }
    const onV2 = responses(3, 'huyen-a').map((r) => ({ ...r, surveyVersion: 2 }))
    const nextYear = makeSurvey({ id: 'test-2026-district', year: 2026 })
    const figures = []
    for (const backend of appBackends) {
      const env = await start(backend)
      try {
        await env.publish(v2)
        await env.publish(nextYear)
        await env.store(A, 'lan', byLan)
        await env.store(A, 'minh', byMinh)
        await env.store(A, 'lan', onV2)
        const scores = await env.json<ScoresReply>(A, `/api/scores?${query}`, 'phan-tich')
        const progress = await env.json(A, `/api/progress?${query}`, 'giam-sat')
        const bySurveyor = await env.json(A, `/api/progress/by-surveyor?${query}`, 'quan-tri')
        const byDay = await env.json(A, `/api/progress/by-day?${query}`, 'quan-tri')
        const scorecard = await env.json(A, `/api/results/scorecard?${query}&unitId=huyen-a`, 'phan-tich')
        const explain = await env.json(A, `/api/scores/explain?${query}&unitId=huyen-a`, 'phan-tich')
        const previous = await env.json<{ previous: ScoresReply | null }>(
          A,
          `/api/scores/previous-year?surveyId=${nextYear.id}&version=1`,
          'phan-tich',
        )
        await env.apply(A, 'self-assessment', 'unitId,selfAssessment\nhuyen-a,42\nhuyen-b,37.5\n')
        await env.apply(A, 'adjustments', 'unitId,points,reason\nhuyen-b,-1.5,Vi phạm kỷ luật hành chính\n')
        const imported = await env.json<ScoresReply>(A, `/api/scores?${query}`, 'phan-tich')
        const pack = await env.call(A, `/api/results/pack.xlsx?${query}`, 'phan-tich')
        expect(pack.status).toBe(200)
        const exported = []
        for (const file of ['scores.csv', 'matrix.csv', 'progress.csv', 'progress-by-day.csv']) {
          const res = await env.call(A, `/api/exports/${file}?${query}&header=ids`, 'phan-tich')
          expect(res.status).toBe(200)
          exported.push(await res.text())
        }
        const audit = await env.json<{ entries: { action: string }[] }>(A, '/api/audit', 'quan-tri')
        expect(audit.entries.filter((e) => e.action === 'export-download')).toHaveLength(4)
        figures.push({ scores, progress, bySurveyor, byDay, scorecard, explain, previous, imported, exported })
      } finally {
        await env.close()
      }
    }
    const [sqlite, postgres] = figures
    expect(unit(sqlite!.scores, 'huyen-a').responses).toBe(12)
    expect(unit(sqlite!.scores, 'huyen-b').responses).toBe(7)
    expect(sqlite!.scores.dataSet).toMatchObject({ versions: [1, 2], responses: 19, selfAssessment: null })
    expect(sqlite!.previous.previous?.dataSet).toMatchObject({ year: 2025, versions: [1, 2], responses: 19 })
    expect(sqlite!.bySurveyor).toMatchObject({
      surveyors: [
        { username: 'lan', responses: 14, units: 2 },
        { username: 'minh', responses: 5, units: 1 },
      ],
    })
    // The supervisor of huyen-a sees only its cells.
    const cells = (sqlite!.progress as { cells: { unitId: string; responses: number }[] }).cells
    expect(new Set(cells.map((c) => c.unitId))).toEqual(new Set(['huyen-a']))
    expect(cells.reduce((n, c) => n + c.responses, 0)).toBeGreaterThanOrEqual(12)
    expect(unit(sqlite!.imported, 'huyen-a').selfAssessment).toBe(42)
    expect(sqlite!.imported.dataSet.selfAssessment).toEqual({ surveyVersion: 1, setVersion: 1 })
    expect(postgres).toEqual(sqlite)
  })
})

describe.each(appBackends)('two app servers on $name', (backend) => {
  let env: Awaited<ReturnType<typeof start>>
  beforeEach(async () => {
    env = await start(backend)
  })
  afterEach(() => env.close())

  const scores = (server: number) => env.json<ScoresReply>(server, `/api/scores?${query}`, 'phan-tich')
  const days = async (server: number) =>
    (await env.json<{ days: { responses: number }[] }>(server, `/api/progress/by-day?${query}`, 'quan-tri')).days

  it("show responses stored through B in A's scores and progress, and A's cached scores recompute", async () => {
    expect(unit(await scores(A), 'huyen-a').responses).toBe(0)
    await env.store(B, 'lan', responses(6, 'huyen-a'))
    expect(unit(await scores(A), 'huyen-a').responses).toBe(6)

    // B folds the next ones (its progress read); A's cached scores were computed before that fold.
    await env.store(B, 'lan', responses(4, 'huyen-a'))
    expect((await days(B)).reduce((n, d) => n + d.responses, 0)).toBe(10)
    expect(unit(await scores(A), 'huyen-a').responses).toBe(10)

    // A self-assessment imported through B is in A's scores and A's list of imports.
    await env.apply(B, 'self-assessment', 'unitId,selfAssessment\nhuyen-a,42\n')
    expect(unit(await scores(A), 'huyen-a').selfAssessment).toBe(42)
    const self = await env.json<SelfAssessmentState>(A, `/api/self-assessment?${query}`, 'phan-tich')
    expect(self.current?.values).toEqual({ 'huyen-a': 42 })
    expect(self.history.map((h) => h.setVersion)).toEqual([1])
  })

  it('numbers adjustment imports through both servers one after the other, and A scores the last', async () => {
    await env.signIn('phan-tich')
    await Promise.all([
      env.apply(A, 'adjustments', 'unitId,points,reason\nhuyen-a,-1,Chậm báo cáo\n'),
      env.apply(B, 'adjustments', 'unitId,points,reason\nhuyen-a,2,Sáng kiến cải cách\n'),
    ])
    const state = await env.json<AdjustmentsState>(B, `/api/adjustments?${query}`, 'phan-tich')
    expect(state.history.map((h) => h.setVersion).sort()).toEqual([1, 2])
    const last = state.current!.adjustments[0]!.points
    expect(state.current!.setVersion).toBe(2)
    expect(unit(await scores(A), 'huyen-a').adjustments).toBe(last)
  })

  it('keeps the aggregates equal to a rebuild while both servers store and read at once', async () => {
    const batches = Array.from({ length: 6 }, (_, i) => responses(5, i % 2 ? 'huyen-b' : 'huyen-a'))
    // Signed in one after the other: parallel log-ins would be refused as busy (auth/hash-queue.ts).
    for (const name of ['quan-tri', 'phan-tich', 'lan', 'minh']) await env.signIn(name)
    await Promise.all(
      batches.map(async (batch, i) => {
        const server = i % 2 ? B : A
        // minh may send for huyen-b only.
        await env.store(server, i % 2 && i % 3 ? 'minh' : 'lan', batch)
        await scores(server)
        await days(server === A ? B : A)
      }),
    )
    const reply = await scores(A)
    expect(unit(reply, 'huyen-a').responses + unit(reply, 'huyen-b').responses).toBe(30)
    expect((await days(B)).reduce((n, d) => n + d.responses, 0)).toBe(30)

    await expectEqualToRebuild(env.storage, 30)
    expect(await scores(B)).toEqual(reply)
  })

  it('fold in the background after a sync, with no read: the aggregates catch up and equal a rebuild', async () => {
    await env.store(B, 'lan', responses(8, 'huyen-a'))
    // SQLite folds what it staged after a few seconds, PostgreSQL right after the commit.
    await expect.poll(() => counted(env.storage), { timeout: 15_000 }).toBe(8)
    await expectEqualToRebuild(env.storage, 8)
  })

  it('count each response once when both servers sync at once and fold in the background', async () => {
    for (const name of ['lan', 'minh']) await env.signIn(name)
    const batches = Array.from({ length: 8 }, (_, i) => responses(4, i % 2 ? 'huyen-b' : 'huyen-a'))
    await Promise.all(batches.map((batch, i) => env.store(i % 2 ? B : A, i % 4 === 1 ? 'minh' : 'lan', batch)))
    await expect.poll(() => counted(env.storage), { timeout: 15_000 }).toBe(32)
    await expectEqualToRebuild(env.storage, 32)
  })
})

describe('background folds on PostgreSQL', () => {
  it('are waited for at stop: after close() every committed response is in the aggregates', async () => {
    const env = await start(appBackends.find((b) => b.name === 'PostgreSQL')!)
    try {
      await env.store(A, 'lan', responses(5, 'huyen-a'))
      await env.store(B, 'lan', responses(3, 'huyen-b'))
      await Promise.all([env.one.backgroundFolds.close(), env.two.backgroundFolds.close()])
      expect(await counted(env.storage)).toBe(8)
      // Closed: a later commit schedules nothing, and the next read folds it.
      await env.store(A, 'lan', responses(2, 'huyen-a'))
      expect(await counted(env.storage)).toBe(8)
      expect(unit(await env.json<ScoresReply>(A, `/api/scores?${query}`, 'phan-tich'), 'huyen-a').responses).toBe(7)
    } finally {
      await env.close()
    }
  })
})
