import { addResponse, emptyState, stateToRows, type Response, type SyncReply } from '@parsurvey/shared'
import Database from 'better-sqlite3'
import path from 'node:path'
import { Pool } from 'undici'
import { benchSurvey, responses } from './data.ts'
import { check, measure, pairedRatios, repeat, timed, type Bench } from './harness.ts'
import { startBenchServer, type BenchServer } from './server.ts'

const BATCH = 100
const CLIENTS = 4

/**
 * Sends pre-serialised batches from `CLIENTS` concurrent clients over a connection pool of their
 * own, opened for this run and closed after it; every receipt must say "stored".
 *
 * Why a pool per run: between runs this process blocks its event loop for seconds (generating
 * and serialising 100,000 responses, the synchronous ceiling). Keep-alive sockets left idle
 * across that stretch have been closed by the server (keepAliveTimeout), but the client cannot
 * see the close until its loop turns, so the next run's first POSTs went out on dead sockets
 * and failed with `SocketError: other side closed` (undici retries no POST). A fresh pool is
 * only ever idle inside a run, where nothing blocks.
 */
async function sendAll(server: BenchServer, cookie: string, bodies: string[]): Promise<void> {
  const pool = new Pool(server.url, { connections: CLIENTS })
  let next = 0
  const client = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!
      const res = await pool.request({ path: '/api/sync', method: 'POST', headers: { 'content-type': 'application/json', cookie }, body })
      if (res.statusCode !== 200) throw new Error(`sync answered ${res.statusCode}: ${await res.body.text()}`)
      const reply = (await res.body.json()) as SyncReply
      const bad = reply.results.find((r) => r.status !== 'stored')
      if (bad) throw new Error(`receipt ${bad.status}: ${JSON.stringify(bad.error)}`)
    }
  }
  try {
    await Promise.all(Array.from({ length: CLIENTS }, client))
  } finally {
    await pool.close()
  }
}

/** The ceiling: the same responses as one JSON row each, one transaction per batch, no HTTP. */
function plainInserts(file: string, all: Response[]): number {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec('CREATE TABLE IF NOT EXISTS responses (id TEXT PRIMARY KEY, body TEXT NOT NULL)')
  const insert = db.prepare('INSERT INTO responses (id, body) VALUES (?, ?)')
  const batch = db.transaction((rows: Response[]) => {
    for (const r of rows) insert.run(r.id, JSON.stringify(r))
  })
  const start = performance.now()
  for (let i = 0; i < all.length; i += BATCH) batch(all.slice(i, i + BATCH))
  const seconds = (performance.now() - start) / 1000
  db.close()
  return all.length / seconds
}

/** Every aggregate cell of the server equals the engine's state of all responses sent (sums to 1e-9). */
function checkAggregates(dbFile: string, surveyId: string, sent: Response[]): void {
  const survey = benchSurvey()
  const state = emptyState()
  for (const r of sent) addResponse(state, survey, r)
  const expected = new Map(stateToRows(state).cells.filter((c) => c.count || c.dontKnow).map((c) => [`${c.unitId}|${c.groupId}|${c.questionId}`, c]))
  const db = new Database(dbFile, { readonly: true })
  const rows = db
    .prepare('SELECT unit_id, group_id, question_id, count, sum, dont_know FROM agg_cells WHERE survey_id = ?')
    .all(surveyId) as { unit_id: string; group_id: string; question_id: string; count: number; sum: number; dont_know: number }[]
  const stored = db.prepare('SELECT COUNT(*) FROM responses WHERE survey_id = ?').pluck().get(surveyId)
  db.close()
  if (stored !== sent.length) throw new Error(`${String(stored)} responses stored, ${sent.length} acknowledged`)
  if (rows.length !== expected.size) throw new Error(`${rows.length} aggregate cells, expected ${expected.size}`)
  for (const row of rows) {
    const e = expected.get(`${row.unit_id}|${row.group_id}|${row.question_id}`)
    if (!e || e.count !== row.count || e.dontKnow !== row.dont_know || Math.abs(e.sum - row.sum) > 1e-9) {
      throw new Error(`aggregate cell ${row.unit_id}/${row.group_id}/${row.question_id} differs from the responses sent`)
    }
  }
}

export const syncIngest: Bench = {
  name: 'sync-ingest',
  title: `POST /api/sync over loopback, batches of ${BATCH} × ~30 answers, ${CLIENTS} concurrent clients, vs plain SQLite inserts`,
  async run({ quick, runs, tmpDir, log }) {
    // The ceiling (docs/performance.md) is measured on 100,000 responses; a few thousand into an empty file
    // measure mostly a small, cached id index, not the store a province fills.
    const perRun = quick ? 10_000 : 100_000
    const survey = benchSurvey()
    const server = await startBenchServer(path.join(tmpDir, 'server'), survey)
    const sent: Response[] = []
    try {
      const cookie = await server.cookie('surveyor')
      const results = await repeat(Math.min(runs, 3), async (run) => {
        const all = [...responses(survey, perRun, `ingest-${run}`)]
        const bodies: string[] = []
        for (let i = 0; i < all.length; i += BATCH) bodies.push(JSON.stringify({ responses: all.slice(i, i + BATCH) }))
        const { ms } = await timed(() => sendAll(server, cookie, bodies))
        sent.push(...all)
        // One growing file, like the server's: each run's ceiling inserts into a table as full as
        // the one the HTTP run just wrote to.
        const ceiling = plainInserts(path.join(tmpDir, 'ceiling.db'), all)
        return { http: perRun / (ms / 1000), ceiling }
      })
      // The aggregates take stored responses in bulk folds; a graceful stop folds the rest.
      await server.stop()
      checkAggregates(server.dbFile, survey.id, sent)
      log(`${sent.length.toLocaleString('en-US')} responses acknowledged; stored once each, aggregates equal the engine's after the server stopped`)
      const http = results.map((r) => r.http)
      const ceiling = results.map((r) => r.ceiling)
      const ratio = measure('ingest / ceiling', '×', pairedRatios(http, ceiling))
      return {
        measures: [measure('HTTP ingest', 'responses/s', http), measure('ceiling: plain JSON-row inserts', 'responses/s', ceiling), ratio],
        checks: [check('ingest ≥ 50% of the plain-insert ceiling', ratio.median * 100, 'higher', 50, ' %')],
        notes: [`${perRun.toLocaleString('en-US')} responses per run, the server and the ceiling each on one growing database; receipts all "stored", counts and aggregate cells checked against the engine after the runs.`],
      }
    } finally {
      await server.stop()
    }
  },
}
