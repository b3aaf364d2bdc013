/**
 * `pnpm bench --pg`: the storage boundary on PostgreSQL (issue 19 part 2), beside a PostgreSQL
 * ceiling measured in the same run. Not in the default run: it needs Debian's `postgresql`
 * package (or PARSURVEY_TEST_PG_URL) and says nothing about the SQLite server the other benches
 * measure. Figures and ratios only; nothing here is a target yet.
 *
 * - ingest through `responseStore` (sync batches of 100, 5 per transaction as a group commit
 *   gives them), on one app server and on two (two pools, each sending half);
 * - the ceilings: the same rows as plain multi-row INSERTs of 500, one transaction per 500 rows,
 *   and as one `COPY … FROM STDIN` through `psql` (PostgreSQL's own bulk load);
 * - the fold of everything stored (watermark at 0) and a rebuild, through `aggregateStore`;
 * - the reads of scores and progress as the routes make them (scores-services.ts): the first
 *   `/api/scores` answer (computed), the cached ones (a fold check, the stamp, the entry), and
 *   progress by unit (a fold check and the tallies).
 */
import type { Survey } from '@parsurvey/shared'
import { spawn } from 'node:child_process'
import type { User } from '../../server/src/db/users.ts'
import { combinedTallies } from '../../server/src/analysis/data-set.ts'
import { scoresReply } from '../../server/src/analysis/official-scores.ts'
import { scoreServicesOn } from '../../server/src/scores-services.ts'
import { aggregateStore } from '../../server/src/storage/aggregate-store.ts'
import { surveyStore } from '../../server/src/storage/survey-store.ts'
import { openStorage, type Storage } from '../../server/src/storage/open-storage.ts'
import { responseStore } from '../../server/src/storage/response-store.ts'
import { createTestDatabase, startTestPostgres } from '../../server/src/testing/postgres.ts'
import { prepareResponse, type CheckedBatch, type ValidResponse } from '../../server/src/sync/ingest.ts'
import { benchSurvey, responses } from './data.ts'
import { measure, pairedRatios, percentile, repeat, timed, type Bench } from './harness.ts'

const BATCH = 100
const BATCHES_PER_TRANSACTION = 5
const CEILING_ROWS = 500
/** Reads of scores and of progress measured per run, after the fold. */
const READS = 50
const sender: User = { id: 1, username: 'bench', role: 'admin', units: [], disabled: false }

async function freshDatabase(adminUrl: string, survey: Survey, servers = 1): Promise<Storage[]> {
  return (await freshDatabaseAt(adminUrl, survey, servers)).storages
}

async function freshDatabaseAt(adminUrl: string, survey: Survey, servers = 1): Promise<{ url: string; storages: Storage[] }> {
  const url = await createTestDatabase(adminUrl, 'parsurvey_bench')
  const first = await openStorage(url)
  await first.db
    .insertInto('surveys')
    .values({
      id: survey.id,
      version: survey.version,
      definition: JSON.stringify(survey),
      hash: 'bench',
      published_at: new Date().toISOString(),
      published_by: null,
    })
    .execute()
  await first.db
    .insertInto('users')
    .values({
      id: sender.id,
      username: sender.username,
      password_hash: 'x',
      role: 'admin',
      all_units: 1,
      disabled_at: null,
      created_at: new Date().toISOString(),
      last_login_at: null,
    })
    .execute()
  const others = await Promise.all(Array.from({ length: servers - 1 }, () => openStorage(url)))
  return { url, storages: [first, ...others] }
}

/** Sends `items` through one server's response store, a transaction of 5 sync batches at a time. */
async function ingest(storage: Storage, items: ValidResponse[]): Promise<void> {
  const store = responseStore(storage)
  const per = BATCH * BATCHES_PER_TRANSACTION
  for (let i = 0; i < items.length; i += per) {
    const batches: CheckedBatch[] = []
    for (let j = i; j < Math.min(i + per, items.length); j += BATCH)
      batches.push({
        receivedAt: new Date().toISOString(),
        sender,
        locale: 'vi',
        items: items.slice(j, Math.min(j + BATCH, i + per)).map((item) => ({ kind: 'valid' as const, ...item })),
      })
    const results = await store.storeBatches(batches)
    if (results.flat().some((r) => r.status !== 'stored')) throw new Error('a bench response was not stored')
  }
}

/** The ceiling: the same rows, plain multi-row INSERTs, one transaction each. */
async function plainInserts(storage: Storage, items: ValidResponse[]): Promise<void> {
  const receivedAt = new Date().toISOString()
  for (let i = 0; i < items.length; i += CEILING_ROWS)
    await storage.db
      .insertInto('responses')
      .values(
        items.slice(i, i + CEILING_ROWS).map(({ response, body, hash }) => ({
          id: response.id,
          survey_id: response.surveyId,
          survey_version: response.surveyVersion,
          unit_id: response.unitId,
          group_id: response.groupId,
          location_id: response.locationId ?? null,
          channel: response.channel,
          body,
          hash,
          received_at: receivedAt,
          received_by: sender.id,
        })),
      )
      .execute()
}

const COPY_COLUMNS = 'id, survey_id, survey_version, unit_id, group_id, location_id, channel, body, hash, received_at, received_by'
const csvField = (value: string | number | null): string =>
  value === null ? '' : typeof value === 'number' ? String(value) : `"${value.replaceAll('"', '""')}"`

/**
 * The other ceiling: the same rows loaded by PostgreSQL's own bulk path, one `COPY … FROM STDIN`
 * (CSV) through Debian's `psql`, the client the package ships (no driver of ours in between).
 */
function copyRows(url: string, items: ValidResponse[]): Promise<void> {
  const receivedAt = new Date().toISOString()
  const csv = items
    .map(({ response, body, hash }) =>
      [response.id, response.surveyId, response.surveyVersion, response.unitId, response.groupId, response.locationId ?? null, response.channel, body, hash, receivedAt, sender.id]
        .map(csvField)
        .join(','),
    )
    .join('\n')
  return new Promise((resolve, reject) => {
    const psql = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', `COPY responses (${COPY_COLUMNS}) FROM STDIN WITH (FORMAT csv)`], {
      stdio: ['pipe', 'ignore', 'pipe'],
    })
    let stderr = ''
    psql.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    psql.on('error', reject)
    psql.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`psql COPY failed (${code}): ${stderr}`))))
    psql.stdin.end(`${csv}\n`)
  })
}

async function closeAll(storages: Storage[]): Promise<void> {
  for (const s of storages) await s.close()
}

export const postgresBench: Bench = {
  name: 'postgres',
  title: 'storage boundary on PostgreSQL: ingest vs plain INSERT ceiling, two app servers, fold, rebuild',
  async run({ quick, runs, log }) {
    const survey = benchSurvey()
    const count = quick ? 5_000 : 15_000
    const items = [...responses(survey, count, 'pg-bench')].map((r) => prepareResponse(survey, r))
    const server = await startTestPostgres()
    const key = { surveyId: survey.id, surveyVersion: survey.version }
    try {
      const [probe] = await freshDatabase(server.adminUrl, survey)
      const { v } = await probe!.db.selectNoFrom((eb) => eb.fn<string>('version').as('v')).executeTakeFirstOrThrow()
      await probe!.close()
      log(`${v.split(' on ')[0]}, ${count.toLocaleString('en-US')} responses of ${survey.questions.length} questions`)
      const n = Math.min(runs, quick ? 2 : 3)
      const samples = await repeat(n, async (run) => {
        const [one] = await freshDatabase(server.adminUrl, survey)
        const [ceilingDb] = await freshDatabase(server.adminUrl, survey)
        const copyDb = await freshDatabaseAt(server.adminUrl, survey)
        const two = await freshDatabase(server.adminUrl, survey, 2)
        try {
          // Alternate which goes first, so a warmer server does not always favour the same one.
          const store = async () => (await timed(() => ingest(one!, items))).ms
          const ceiling = async () => (await timed(() => plainInserts(ceilingDb!, items))).ms
          let storeMs: number
          let ceilingMs: number
          if (run % 2 === 0) {
            storeMs = await store()
            ceilingMs = await ceiling()
          } else {
            ceilingMs = await ceiling()
            storeMs = await store()
          }
          const copyMs = (await timed(() => copyRows(copyDb.url, items))).ms
          const copied = await copyDb.storages[0]!.db
            .selectFrom('responses')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
          if (Number(copied.n) !== count) throw new Error(`COPY stored ${copied.n} responses, expected ${count}`)
          const half = Math.ceil(items.length / 2)
          const twoMs = (
            await timed(() => Promise.all([ingest(two[0]!, items.slice(0, half)), ingest(two[1]!, items.slice(half))]))
          ).ms
          const aggregates = aggregateStore(one!)
          const fold = await timed(() => aggregates.fold())
          if (fold.value.responses !== count) throw new Error(`the fold saw ${fold.value.responses} responses`)
          const rebuild = await timed(() => aggregates.rebuild(survey))
          if (rebuild.value.responses !== count) throw new Error(`the rebuild saw ${rebuild.value.responses}`)
          // Two servers folding what both stored: one takes the lock, the other finds the work done.
          const twoFold = await timed(() => Promise.all(two.map((s) => aggregateStore(s).fold())))
          const folded = twoFold.value.reduce((sum, r) => sum + r.responses, 0)
          if (folded !== count) throw new Error(`two servers folded ${folded} responses, expected ${count}`)
          const tallies = (await aggregateStore(two[0]!).read(key)).tallies.reduce((sum, r) => sum + r.responses, 0)
          if (tallies !== count) throw new Error(`the aggregates count ${tallies} responses, expected ${count}`)
          // The reads of /api/scores and /api/progress on one server (scores-services.ts).
          const reads = { ...scoreServicesOn(one!), surveys: surveyStore(one!) }
          const first = await timed(() => scoresReply(reads, survey, 'vi'))
          if (first.value.dataSet.responses !== count) throw new Error(`scores counted ${first.value.dataSet.responses}`)
          const cached: number[] = []
          const progress: number[] = []
          for (let i = 0; i < READS; i++) {
            cached.push((await timed(() => scoresReply(reads, survey, 'vi'))).ms)
            progress.push((await timed(() => combinedTallies(reads, [key]))).ms)
          }
          log(`run ${run + 1}: store ${Math.round(storeMs)} ms, ceiling ${Math.round(ceilingMs)} ms, COPY ${Math.round(copyMs)} ms, two servers ${Math.round(twoMs)} ms, fold ${Math.round(fold.ms)} ms, rebuild ${Math.round(rebuild.ms)} ms, first scores ${Math.round(first.ms)} ms`)
          return {
            storeMs,
            ceilingMs,
            copyMs,
            twoMs,
            foldMs: fold.ms,
            rebuildMs: rebuild.ms,
            twoFoldMs: twoFold.ms,
            firstScoresMs: first.ms,
            cachedP50: percentile(cached, 50),
            cachedP95: percentile(cached, 95),
            progressP50: percentile(progress, 50),
            progressP95: percentile(progress, 95),
          }
        } finally {
          await closeAll([one!, ceilingDb!, ...copyDb.storages, ...two])
        }
      })
      const rate = (ms: number) => count / (ms / 1000)
      const pick = (k: keyof (typeof samples)[number]) => samples.map((s) => s[k])
      return {
        measures: [
          measure('ingest, response store, 1 app server', 'responses/s', pick('storeMs').map(rate)),
          measure('ceiling: plain INSERT of 500 rows a transaction', 'responses/s', pick('ceilingMs').map(rate)),
          measure('response store / ceiling', '×', pairedRatios(pick('storeMs').map(rate), pick('ceilingMs').map(rate))),
          measure('ceiling: one COPY of all rows (psql)', 'responses/s', pick('copyMs').map(rate)),
          measure('response store / COPY', '×', pairedRatios(pick('storeMs').map(rate), pick('copyMs').map(rate))),
          measure('ingest, response store, 2 app servers (half each)', 'responses/s', pick('twoMs').map(rate)),
          measure('2 servers / 1 server', '×', pairedRatios(pick('twoMs').map(rate), pick('storeMs').map(rate))),
          measure(`fold of ${count.toLocaleString('en-US')} responses`, 's', pick('foldMs').map((ms) => ms / 1000)),
          measure(`rebuild of ${count.toLocaleString('en-US')} responses`, 's', pick('rebuildMs').map((ms) => ms / 1000)),
          measure('fold by 2 servers at once', 's', pick('twoFoldMs').map((ms) => ms / 1000)),
          measure('/api/scores, first (computed)', 'ms', pick('firstScoresMs')),
          measure(`/api/scores, cached, p50 of ${READS}`, 'ms', pick('cachedP50')),
          measure(`/api/scores, cached, p95 of ${READS}`, 'ms', pick('cachedP95')),
          measure(`/api/progress tallies, p50 of ${READS}`, 'ms', pick('progressP50')),
          measure(`/api/progress tallies, p95 of ${READS}`, 'ms', pick('progressP95')),
        ],
        checks: [],
        notes: [`${count.toLocaleString('en-US')} responses, ${n} run(s); PostgreSQL started by the bench (server/src/testing/postgres.ts) unless PARSURVEY_TEST_PG_URL names one`],
      }
    } finally {
      server.stop()
    }
  },
}
