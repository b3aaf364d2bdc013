/**
 * `pnpm bench --pg`: the morning the links go out (morning-links.ts) with the server on
 * PostgreSQL. The same database and register are made in SQLite, copied into a throwaway
 * PostgreSQL by `migrate-to-postgres` (the command a province runs), and the built server is
 * started on it (`DATABASE_URL`, `ACCESS_CODE_KEY_FILE` = the SQLite key, as docs/deploy.md
 * says), on one core and 512 MB as before. PostgreSQL itself runs outside those limits, as a
 * database server of its own would, but on this machine's cores. Figures only: the targets stay
 * SQLite's, checked by morning-links.
 */
import path from 'node:path'
import { run as migrateToPostgres } from '../../server/src/cli/migrate-to-postgres.ts'
import { createTestDatabase, startTestPostgres } from '../../server/src/testing/postgres.ts'
import type { Bench } from './harness.ts'
import { MORNING_TITLE, morningRun } from './morning-links.ts'

export const morningLinksPg: Bench = {
  name: 'morning-links-pg',
  title: `${MORNING_TITLE}, on PostgreSQL`,
  async run(ctx) {
    const server = await startTestPostgres()
    try {
      const result = await morningRun(ctx, async (dataDir) => {
        const url = await createTestDatabase(server.adminUrl, 'parsurvey_morning')
        const said: string[] = []
        const out = { write: (text: string) => said.push(text) }
        const code = await migrateToPostgres(['--from', path.join(dataDir, 'parsurvey.db'), '--to', url], out, out)
        if (code !== 0) throw new Error(`migrate-to-postgres failed (${code}): ${said.join('')}`)
        ctx.log('copied the database into PostgreSQL with migrate-to-postgres (counts and scores verified)')
        return { DATABASE_URL: url, ACCESS_CODE_KEY_FILE: path.join(dataDir, 'access-codes.key') }
      })
      return { measures: result.measures, checks: [], notes: [...result.notes, 'figures only; the targets are checked on SQLite (morning-links)'] }
    } finally {
      server.stop()
    }
  },
}
