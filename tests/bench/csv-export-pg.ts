/**
 * `pnpm bench`: the raw response export (csv-export.ts) with the server on PostgreSQL. The
 * same responses are made in SQLite, copied into a throwaway PostgreSQL by `migrate-to-postgres`
 * and the built server is started on it (`DATABASE_URL`); `responses-long.csv` is then read
 * through the export's cursor in one REPEATABLE READ transaction (docs/storage.md). Figures only:
 * the target stays SQLite's, checked by csv-export.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { run as migrateToPostgres } from '../../server/src/cli/migrate-to-postgres.ts'
import { createTestDatabase, startTestPostgres } from '../../server/src/testing/postgres.ts'
import { benchSurvey, fillDatabase } from './data.ts'
import { measure, repeat, type Bench } from './harness.ts'
import { download, startBenchServer } from './server.ts'

export const csvExportPg: Bench = {
  name: 'csv-export-pg',
  title: 'GET /api/exports/responses-long.csv streamed over HTTP, the server on PostgreSQL',
  async run({ quick, runs, tmpDir, log }) {
    const responses = quick ? 10_000 : 34_000
    const survey = benchSurvey()
    const sqliteDir = path.join(tmpDir, 'sqlite')
    const { answers } = fillDatabase(sqliteDir, survey, responses)
    log(`${responses.toLocaleString('en-US')} responses, ${answers.toLocaleString('en-US')} answers stored`)
    const postgres = await startTestPostgres()
    try {
      const url = await createTestDatabase(postgres.adminUrl, 'parsurvey_export')
      const said: string[] = []
      const out = { write: (text: string) => said.push(text) }
      const code = await migrateToPostgres(['--from', path.join(sqliteDir, 'parsurvey.db'), '--to', url], out, out)
      if (code !== 0) throw new Error(`migrate-to-postgres failed (${code}): ${said.join('')}`)
      const dataDir = path.join(tmpDir, 'pg-server')
      fs.mkdirSync(dataDir, { recursive: true })
      const keyFile = path.join(dataDir, 'access-codes.key')
      fs.writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 })
      const server = await startBenchServer(dataDir, survey, {}, { DATABASE_URL: url, ACCESS_CODE_KEY_FILE: keyFile })
      try {
        const cookie = await server.cookie('admin')
        const file = `${server.url}/api/exports/responses-long.csv?surveyId=${survey.id}&version=${survey.version}`
        const results = await repeat(runs, async () => {
          const got = await download(file, cookie)
          if (got.status !== 200) throw new Error(`responses-long.csv answered ${got.status}`)
          return { rows: got.lines - 1, seconds: got.ms / 1000, firstByteMs: got.firstByteMs }
        })
        const rows = results[0]!.rows
        return {
          measures: [
            measure('rows/s', 'rows/s', results.map((r) => r.rows / r.seconds)),
            measure(`time for ${rows.toLocaleString('en-US')} rows`, 's', results.map((r) => r.seconds)),
            measure('time to first byte', 'ms', results.map((r) => r.firstByteMs)),
          ],
          checks: [],
          notes: ['figures only; the target (≥ 200,000 rows/s) is checked on SQLite (csv-export)'],
        }
      } finally {
        await server.stop()
      }
    } finally {
      postgres.stop()
    }
  },
}
