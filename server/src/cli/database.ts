import fs from 'node:fs'
import path from 'node:path'
import { formatMessage } from '@parsurvey/shared'
import { loadConfig } from '../config.ts'
import { pino } from 'pino'
import { openDatabase } from '../db/connection.ts'
import type { PreUpgradeCopy } from '../db/pre-upgrade.ts'
import { createLogger } from '../http/logger.ts'
import { createServices, type Services } from '../services.ts'

/** The pre-upgrade copy a command made, logged like the server's (docs/deploy.md, "Upgrades"). */
export function logUpgradeCopy({ file, from, to }: PreUpgradeCopy): void {
  createLogger('info', pino.destination({ dest: 2, sync: true })).info(
    { copy: file, from, to },
    `Upgrade: database copied to ${file} before migrations ${from} → ${to}`,
  )
}

/**
 * Opens the server's database (`$DATA_DIR/parsurvey.db`) for `command`, or prints why not and
 * returns undefined. WAL lets the command run while the server runs. Never creates a database:
 * a mistyped DATA_DIR must not leave an empty one behind. With a PostgreSQL `DATABASE_URL` it
 * refuses: the command works on SQLite only so far, and working on the SQLite file instead of
 * the database the server was told to use would change the wrong data.
 */
export function openServerDatabase(command: string): Services | undefined {
  const config = loadConfig()
  if (config.databaseUrl) {
    process.stderr.write(`${formatMessage('cli-not-on-postgres', { command }, 'en')}\n`)
    return undefined
  }
  const file = path.join(config.dataDir, 'parsurvey.db')
  if (!fs.existsSync(file)) {
    process.stderr.write(`${formatMessage('cli-database-missing', { file }, 'en')}\n`)
    return undefined
  }
  // A background fold that fails (the server holds the write lock) says so on stderr, as JSON.
  const log = createLogger('error', pino.destination({ dest: 2, sync: true }))
  return createServices(openDatabase(file, { onUpgradeCopy: logUpgradeCopy }), { log })
}
