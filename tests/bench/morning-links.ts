import { createServices, openDatabase } from '@parsurvey/server'
import { addDays, isRequired, type Response, type Survey, type SyncReply } from '@parsurvey/shared'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Pool } from 'undici'
import { applyRegister } from '../../server/src/register/import.ts'
import { personalCode } from '../../server/src/register/personal-code.ts'
import { readRegisterTable } from '../../server/src/register/read-register.ts'
import { benchSurvey, fillDatabase, responses } from './data.ts'
import { check, measure, percentile, type Bench, type BenchContext, type BenchReport } from './harness.ts'
import { processRssMb, sampleRss, startBenchServer } from './server.ts'
import { MEMORY_MB, smallVm } from './vm-limits.ts'
import { pageAssets, timedRequest, type Timed } from './wire.ts'

const UNITS = 18
const SURVEYORS = 20
const ANALYSTS = 2

/** The bench survey (18 departments) with a round open from yesterday, whatever today is. */
function morningSurvey(): Survey {
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)
  return { ...benchSurvey(UNITS), id: 'bench-morning', round: { opens: addDays(today, -1), closes: addDays(today, 60) } }
}

/** A register of `count` delegates, each rating every unit, imported as the CLI does; their personal codes. */
function importRegister(dataDir: string, survey: Survey, count: number): Promise<string[]> {
  const lines = ['name,position,organisation,group,email,units']
  for (let i = 1; i <= count; i++) lines.push(`Đại biểu ${i},Đại biểu,HĐND tỉnh,${survey.groups[0]!.id},db${i}@example.vn,all`)
  return readRegisterTable(new TextEncoder().encode(`${lines.join('\n')}\n`), undefined).then(async (table) => {
    const db = openDatabase(path.join(dataDir, 'parsurvey.db'))
    try {
      const services = createServices(db)
      const outcome = await applyRegister(services, survey.id, table, { userId: null, source: 'bench', locale: 'en' })
      if ('refused' in outcome) throw new Error(`register refused: ${JSON.stringify(outcome.refused.rows[0])}`)
      return (await services.respondents.list(survey.id)).map((person) => personalCode(services, person))
    } finally {
      db.close()
    }
  })
}

/** The generator leaves about 3% blank, as paper allows; an online form sends only with every required question answered. */
function complete(survey: Survey, answers: Response['answers']): Response['answers'] {
  const filled = { ...answers }
  for (const q of survey.questions) if (isRequired(q) && filled[q.id] == null && q.options[0]) filled[q.id] = q.options[0].value
  return filled
}

type BenchResult = Omit<BenchReport, 'name' | 'title'>

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

type Tallies = {
  pageLoad: number[]
  pageData: number[]
  submit: number[]
  sync: number[]
  scores: number[]
  health: number[]
  errors: string[]
  openBytes: number[]
  submitBytes: number[]
}

/**
 * "The morning the links go out" (issue 18): the server on one core and 512 MB; `respondents`
 * officials open their personal link over `spreadMs` (the page and its assets gzip, then the page
 * data), and send their 18 units one by one with a few seconds of thought between them, while 20
 * surveyors sync batches and 2 analysts reload the scores page. Each respondent comes from an
 * address of their own (X-Forwarded-For through a trusted proxy), as they would on the Internet.
 */
async function morning(dataDir: string, survey: Survey, codes: string[], spreadMs: number, log: (l: string) => void, env: Record<string, string>) {
  const vm = smallVm()
  const server = await startBenchServer(dataDir, survey, vm, { TRUST_PROXY: '127.0.0.1,::1', ...env })
  const rss = sampleRss(server.pid)
  const t: Tallies = { pageLoad: [], pageData: [], submit: [], sync: [], scores: [], health: [], errors: [], openBytes: [], submitBytes: [] }
  const pool = new Pool(server.url, { connections: 256, pipelining: 0 })
  const call = async (options: Parameters<typeof timedRequest>[1], into: number[], what: string): Promise<Timed | undefined> => {
    try {
      const result = await timedRequest(pool, options)
      into.push(result.ms)
      if (result.status >= 400) t.errors.push(`${what}: ${result.status} ${result.text.slice(0, 120)}`)
      return result
    } catch (error) {
      t.errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`)
      return undefined
    }
  }
  try {
    await sleep(2000)
    const idleMb = processRssMb(server.pid)
    const admin = await server.cookie('admin')
    const surveyor = await server.cookie('surveyor')
    const assets = await pageAssets(pool, '/r/x')
    let running = true
    const query = `surveyId=${survey.id}&version=${survey.version}`

    const health = (async () => {
      while (running) {
        await call({ path: '/api/health', method: 'GET' }, t.health, 'health')
        await sleep(250)
      }
    })()
    const analysts = Array.from({ length: ANALYSTS }, async (_, a) => {
      await sleep(a * 2500)
      while (running) {
        const headers = { cookie: admin, 'accept-encoding': 'gzip' }
        const start = performance.now()
        await call({ path: `/api/scores?${query}`, method: 'GET', headers }, [], 'scores')
        await call({ path: `/api/progress?${query}`, method: 'GET', headers }, [], 'progress')
        t.scores.push(performance.now() - start)
        await sleep(5000)
      }
    })
    const synced = responses(survey, 100_000, `morning-${Date.now()}`)
    const surveyors = Array.from({ length: SURVEYORS }, async (_, s) => {
      await sleep((s * spreadMs) / SURVEYORS / 4)
      while (running) {
        const batch: Response[] = []
        for (let i = 0; i < 10; i++) batch.push(synced.next().value as Response)
        const headers = { cookie: surveyor, 'content-type': 'application/json' }
        const reply = await call({ path: '/api/sync', method: 'POST', headers, body: JSON.stringify({ responses: batch }) }, t.sync, 'sync')
        if (reply && reply.status === 200 && (JSON.parse(reply.text) as SyncReply).results.some((r) => r.status !== 'stored'))
          t.errors.push('sync: a response was not stored')
        await sleep(3000 + Math.random() * 3000)
      }
    })
    const answers = responses(survey, codes.length * UNITS, 'morning-answers')
    const respondents = codes.map(async (code, i) => {
      await sleep(Math.random() * spreadMs)
      const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`
      const headers = { 'x-forwarded-for': ip, 'accept-encoding': 'gzip' }
      const start = performance.now()
      let bytes = 0
      for (const asset of ['/r/' + code, ...assets]) {
        const got = await call({ path: asset.startsWith('/r/') ? `/r/${code}` : asset, method: 'GET', headers }, [], 'page')
        bytes += got?.bytes ?? 0
      }
      t.pageLoad.push(performance.now() - start)
      const grant = await call({ path: `/api/respond/${code}`, method: 'GET', headers }, t.pageData, 'page data')
      if (!grant) return
      t.openBytes.push(bytes + grant.bytes)
      const units = (JSON.parse(grant.text) as { units: { unitId: string }[] }).units
      for (const { unitId } of units) {
        await sleep(1000 + Math.random() * 2000)
        const generated = answers.next().value as Response
        const submittedAt = new Date().toISOString()
        const body = JSON.stringify({
          id: randomUUID(),
          answers: complete(survey, generated.answers),
          startedAt: new Date(Date.now() - 60_000).toISOString(),
          submittedAt,
        })
        const sent = await call(
          { path: `/api/respond/${code}/units/${unitId}`, method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body },
          t.submit,
          'submit',
        )
        if (sent) t.submitBytes.push(sent.bytes)
      }
    })
    await Promise.all(respondents)
    running = false
    await Promise.all([health, ...analysts, ...surveyors])
    const peakMb = rss.stop()
    log(`limits: ${vm.how}; ${t.submit.length} submissions, ${t.sync.length} sync batches, ${t.errors.length} errors`)
    for (const error of t.errors.slice(0, 5)) log(`error: ${error}`)
    return { t, idleMb, peakMb, how: vm.how }
  } finally {
    rss.stop()
    await pool.close()
    await server.stop()
    vm.remove()
  }
}

export const MORNING_TITLE = `the morning the links go out: 300 officials (60 quick) open their personal link and rate ${UNITS} units each over 2 minutes (20 s quick), beside ${SURVEYORS} surveyors syncing and ${ANALYSTS} analysts reloading the scores, the server on one core and ${MEMORY_MB} MB`

/**
 * The morning on a database of 20,000 responses (5,000 quick) and the register, made in SQLite
 * under `tmpDir`; `database` may move them elsewhere and give the server's environment for it
 * (morning-links-pg.ts: a copy in PostgreSQL). `provinces`: that many provinces' officials
 * (300 each, 60 quick) open their links within the same 2 minutes, on the one server.
 */
export async function morningRun(
  { quick, tmpDir, log }: BenchContext,
  database: (dataDir: string) => Promise<Record<string, string>> = async () => ({}),
  provinces = 1,
): Promise<BenchResult> {
  const people = (quick ? 60 : 300) * provinces
  const spreadMs = quick ? 20_000 : 120_000
  const survey = morningSurvey()
  const dataDir = path.join(tmpDir, `data-${provinces}`)
  fs.mkdirSync(dataDir, { recursive: true })
  fillDatabase(dataDir, survey, quick ? 5_000 : 20_000)
  const codes = await importRegister(dataDir, survey, people)
  const env = await database(dataDir)
  const { t, idleMb, peakMb, how } = await morning(dataDir, survey, codes, spreadMs, log, env)
  const p95 = (values: number[]) => percentile(values, 95)
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)
  const healthMax = Math.max(...t.health)
  return {
    measures: [
      measure('errors (any request)', 'count', [t.errors.length]),
      measure('page data (GET /api/respond/<code>) p95', 'ms', [p95(t.pageData)]),
      measure('unit submission p95', 'ms', [p95(t.submit)]),
      measure('page and assets, first open (gzip) p95', 'ms', [p95(t.pageLoad)]),
      measure('surveyor sync batch (10 responses) p95', 'ms', [p95(t.sync)]),
      measure('analyst scores + progress reload p95', 'ms', [p95(t.scores)]),
      measure('/api/health slowest answer', 'ms', [healthMax]),
      measure('server idle RSS after start', 'MB', [idleMb]),
      measure('server peak RSS', 'MB', [peakMb]),
      measure('bytes on the wire per first open (page, assets, page data)', 'KB', [mean(t.openBytes) / 1024]),
      measure('bytes on the wire per unit submission (request + receipt)', 'bytes', [mean(t.submitBytes)]),
    ],
    checks: [
      check('morning: no request failed', t.errors.length, 'lower', 0),
      check('morning: page data p95 ≤ 300 ms', p95(t.pageData), 'lower', 300, ' ms'),
      check('morning: submissions p95 ≤ 300 ms', p95(t.submit), 'lower', 300, ' ms'),
      check(`morning: peak RSS under ${MEMORY_MB} MB`, peakMb, 'lower', MEMORY_MB, ' MB'),
    ],
    notes: [`Limits: ${how}. Health answered ${t.health.length} probes; the slowest took ${healthMax.toFixed(0)} ms.`],
  }
}

export const morningLinks: Bench = {
  name: 'morning-links',
  title: MORNING_TITLE,
  run: (ctx) => morningRun(ctx),
}
