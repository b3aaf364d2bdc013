import fs from 'node:fs'
import { sql } from 'kysely'
import { aggregateStore } from './storage/aggregate-store.ts'
import { startTestPostgres } from './testing/postgres.ts'
import { benchSurvey, responses } from '../../tests/bench/data.ts'
import { copyRows, freshDatabase, psql, storedRows } from '../../tests/bench/pg-load.ts'
const N = Number(process.argv[2] ?? 100_000)
const survey = benchSurvey()
const server = await startTestPostgres()
const s = (t: number) => ((performance.now() - t) / 1000).toFixed(2) + ' s'
try {
  const { url, storages } = await freshDatabase(server.adminUrl, survey)
  const db = storages[0]!
  let t = performance.now()
  await copyRows(url, storedRows(responses(survey, N, 'probe')))
  await psql(url, 'VACUUM (ANALYZE) responses')
  console.log('load', s(t))
  const { rows } = await sql<{ d: string }>`SELECT current_setting('data_directory') AS d`.execute(db.db)
  await psql(url, "ALTER SYSTEM SET log_min_duration_statement = 0")
  await psql(url, "SELECT pg_reload_conf()")
  const agg = aggregateStore(db)
  const cpu0 = process.cpuUsage()
  t = performance.now()
  const f = await agg.fold()
  console.log('fold', f.responses, s(t), 'node cpu', (process.cpuUsage(cpu0).user / 1e6).toFixed(2))
  const cpu1 = process.cpuUsage()
  t = performance.now()
  await agg.rebuild(survey)
  console.log('rebuild', s(t), 'node cpu', (process.cpuUsage(cpu1).user / 1e6).toFixed(2))
  for (const t of ['agg_cells', 'agg_options', 'agg_tallies', 'agg_progress']) {
    const r = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(t)}`.execute(db.db)
    console.log(t, r.rows[0]!.n)
  }
  const log = fs.readFileSync(rows[0]!.d + '/../server.log', 'utf8')
  const sums = new Map<string, [number, number]>()
  for (const l of log.split('\n')) {
    const m = /duration: ([\d.]+) ms\s+(?:execute [^:]*|statement): (.{0,60})/.exec(l)
    if (!m) continue
    const k = m[2]!
    const v = sums.get(k) ?? [0, 0]
    v[0] += Number(m[1]); v[1]++
    sums.set(k, v)
  }
  for (const [k, [ms, n]] of [...sums].sort((a, b) => b[1][0] - a[1][0]).slice(0, 15)) console.log(ms.toFixed(0).padStart(7), 'ms', String(n).padStart(5), k)
  await db.close()
} finally {
  server.stop()
}
