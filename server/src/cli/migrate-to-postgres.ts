import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { loadConfig } from '../config.ts'
import { compareVersions, planCopy, PlanError } from '../storage/copy-plan.ts'
import { copyTables } from '../storage/copy-tables.ts'
import { migratePostgres } from '../storage/migrate-postgres.ts'
import { countsOf, differences, postgresReader, scoresOf, sqliteReader } from '../storage/migration-check.ts'
import { isPostgresUrl, types } from '../storage/open-storage.ts'
import { text } from './cli-error.ts'
import { resolveUserPath } from './survey-file.ts'

type Out = { write(chunk: string): unknown }

/** The URL without its password, for messages. */
const shown = (url: string): string => url.replace(/^([a-z]+:\/\/[^:/@]*:)[^@]*@/i, '$1***@')

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** The source opened for reading only, or the message code that says why it cannot be copied. */
function openSource(file: string): Database.Database | PlanError {
  if (!fs.existsSync(file)) return new PlanError('migrate-source-missing', { file })
  let db: Database.Database | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    const found = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get()
    if (!found) {
      db.close()
      return new PlanError('migrate-source-not-parsurvey', { file, reason: 'no schema_migrations table' })
    }
    return db
  } catch (error) {
    db?.close()
    return new PlanError('migrate-source-not-parsurvey', { file, reason: reason(error) })
  }
}

/**
 * `pnpm parsurvey migrate-to-postgres [--from $DATA_DIR/parsurvey.db] --to postgres://… [--replace]`
 *
 * Applies the PostgreSQL migrations to the target, copies every table of the SQLite database into
 * it in one transaction (refused when the target already holds data, unless --replace), then
 * verifies: row counts of every table, and the scores of every survey version computed by the
 * `score` command's code over the responses read back from each engine. Exit 0 only when all are
 * equal; 1 when the copy was refused, failed or differs; 2 on wrong arguments.
 */
export async function run(args: string[], out: Out = process.stdout, err: Out = process.stderr): Promise<number> {
  const say = (stream: Out, code: string, params: Record<string, string | number> = {}) =>
    stream.write(`${text(code, params)}\n`)
  let values: { from?: string | undefined; to?: string | undefined; replace?: boolean | undefined }
  try {
    values = parseArgs({
      args,
      options: { from: { type: 'string' }, to: { type: 'string' }, replace: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: false,
    }).values
  } catch (error) {
    say(err, 'migrate-bad-arguments', { detail: reason(error) })
    say(err, 'migrate-usage')
    return 2
  }
  if (!values.to) {
    say(err, 'migrate-usage')
    return 2
  }
  if (!isPostgresUrl(values.to)) {
    say(err, 'migrate-to-not-postgres', { value: shown(values.to) })
    return 2
  }
  const file = values.from ? resolveUserPath(values.from) : path.join(loadConfig().dataDir, 'parsurvey.db')
  const target = shown(values.to)
  const source = openSource(file)
  if (source instanceof PlanError) {
    say(err, source.code, source.params)
    return 1
  }
  const pool = new pg.Pool({ connectionString: values.to, max: 2, types })
  try {
    try {
      await migratePostgres(pool)
    } catch (error) {
      say(err, 'migrate-connect-failed', { target, reason: reason(error) })
      return 1
    }
    const client = await pool.connect()
    try {
      const applied = (await client.query<{ version: string }>('SELECT version FROM schema_migrations')).rows
      const { missing, extra } = compareVersions(
        source,
        applied.map((r) => r.version),
      )
      if (missing.length > 0) throw new PlanError('migrate-source-older', { file, versions: missing.join(', ') })
      if (extra.length > 0) throw new PlanError('migrate-source-newer', { file, versions: extra.join(', ') })

      // One read transaction: the copy and the check of the source see the same snapshot.
      source.exec('BEGIN')
      const started = performance.now()
      const plans = await planCopy(source, client)
      const outcome = await copyTables(source, client, plans, {
        replace: values.replace === true,
        onTable: (table, rows) => say(out, 'migrate-copied-table', { table, rows }),
      })
      if (outcome.kind === 'not-empty') {
        say(err, 'migrate-target-not-empty', { target, tables: outcome.tables.join(', ') })
        return 1
      }
      const rows = Object.values(outcome.rows).reduce((a, b) => a + b, 0)
      const seconds = ((performance.now() - started) / 1000).toFixed(1)
      say(out, 'migrate-copied', { tables: plans.length, rows, file, target, seconds })

      const tables = plans.map((p) => p.name)
      const before = {
        counts: await countsOf(sqliteReader(source), tables),
        scores: await scoresOf(sqliteReader(source)),
      }
      const after = {
        counts: await countsOf(postgresReader(client), tables),
        scores: await scoresOf(postgresReader(client)),
      }
      const problems = differences(before, after)
      for (const p of problems) say(err, p.code, p.params)
      if (problems.length > 0) {
        say(err, 'migrate-verify-failed', { count: problems.length, target })
        return 1
      }
      for (const s of after.scores)
        say(out, 'migrate-scores-equal', { survey: s.key, responses: s.responses, digest: s.digest.slice(0, 16) })
      say(out, 'migrate-verified', { tables: tables.length, surveys: after.scores.length })
      return 0
    } catch (error) {
      if (!(error instanceof PlanError)) throw error
      say(err, error.code, error.params)
      return 1
    } finally {
      client.release()
    }
  } finally {
    if (source.inTransaction) source.exec('COMMIT')
    source.close()
    await pool.end()
  }
}
