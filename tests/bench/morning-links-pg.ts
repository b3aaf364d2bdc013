/**
 * `pnpm bench`: the morning the links go out (morning-links.ts) with the server on
 * PostgreSQL. The same database and register are made in SQLite, copied into a throwaway
 * PostgreSQL by `migrate-to-postgres` (the command a province runs), and the built server is
 * started on it (`DATABASE_URL`, `ACCESS_CODE_KEY_FILE` = the SQLite key, as docs/deploy.md
 * says), on one core and 512 MB as before; then the same with three provinces' officials (900)
 * within the same 2 minutes, to see how many mornings one app server carries. PostgreSQL itself
 * runs outside those limits, as a database server of its own would, but on this machine's cores.
 * Figures only: the targets stay SQLite's, checked by morning-links.
 */
import path from 'node:path'
import { run as migrateToPostgres } from '../../server/src/cli/migrate-to-postgres.ts'
import { createTestDatabase, startTestPostgres } from '../../server/src/testing/postgres.ts'
import type { Bench, Measure } from './harness.ts'
import { MORNING_TITLE, morningRun } from './morning-links.ts'

/** The heavier morning: this many provinces' officials within the same 2 minutes, on the one server. */
const MORNINGS_AT_ONCE = 3

export const morningLinksPg: Bench = {
  name: 'morning-links-pg',
  title: `${MORNING_TITLE}, on PostgreSQL; then ${MORNINGS_AT_ONCE} provinces' officials at once`,
  async run(ctx) {
    const server = await startTestPostgres()
    const copy = async (dataDir: string) => {
      const url = await createTestDatabase(server.adminUrl, 'parsurvey_morning')
      const said: string[] = []
      const out = { write: (text: string) => said.push(text) }
      const code = await migrateToPostgres(['--from', path.join(dataDir, 'parsurvey.db'), '--to', url], out, out)
      if (code !== 0) throw new Error(`migrate-to-postgres failed (${code}): ${said.join('')}`)
      ctx.log('copied the database into PostgreSQL with migrate-to-postgres (counts and scores verified)')
      return { DATABASE_URL: url, ACCESS_CODE_KEY_FILE: path.join(dataDir, 'access-codes.key') }
    }
    try {
      const measures: Measure[] = []
      const notes: string[] = []
      for (const provinces of [1, MORNINGS_AT_ONCE]) {
        const result = await morningRun(ctx, copy, provinces)
        const label = provinces === 1 ? 'one province' : `${provinces} provinces at once`
        measures.push(...result.measures.map((m) => ({ ...m, label: `${label}: ${m.label}` })))
        notes.push(...result.notes.map((n) => `${label}: ${n}`))
      }
      return { measures, checks: [], notes: [...notes, 'figures only; the targets are checked on SQLite (morning-links)'] }
    } finally {
      server.stop()
    }
  },
}
