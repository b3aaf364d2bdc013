import fs from 'node:fs'
import path from 'node:path'
import { formatMessage } from '@parsurvey/shared'
import { codeKeyRequired, loadConfig } from '../config.ts'
import { pino } from 'pino'
import { openDatabase } from '../db/connection.ts'
import type { PreUpgradeCopy } from '../db/pre-upgrade.ts'
import { createLogger } from '../http/logger.ts'
import { createServices, sqliteBackend, type Services } from '../services.ts'
import type { Backend } from '../storage/backend.ts'
import { openStorage } from '../storage/open-storage.ts'

/** The pre-upgrade copy a command made, logged like the server's (docs/deploy.md, "Upgrades"). */
export function logUpgradeCopy({ file, from, to }: PreUpgradeCopy): void {
  createLogger('info', pino.destination({ dest: 2, sync: true })).info(
    { copy: file, from, to },
    `Upgrade: database copied to ${file} before migrations ${from} → ${to}`,
  )
}

/** A command's services on the server's database, and how to let it go. */
export type CommandDatabase = { services: Services; backend: Backend; close: () => Promise<void> }

/**
 * Opens the database the server uses for `command`, or prints why not and returns undefined:
 * PostgreSQL when `DATABASE_URL` names one (migrated to this release like the server does, the
 * services on the storage boundary, the shared access-code key of `ACCESS_CODE_KEY_FILE`), else
 * `$DATA_DIR/parsurvey.db` — which it never creates: a mistyped DATA_DIR must not leave an empty
 * one behind. WAL lets a command run while the server runs on SQLite; on PostgreSQL it is one
 * more client, as another app server would be. A command that seals or opens access codes
 * (`codes`) needs the key every app server shares on PostgreSQL, and says so before doing anything.
 */
export async function openCommandDatabase(
  command: string,
  options: { codes?: boolean } = {},
): Promise<CommandDatabase | undefined> {
  const config = loadConfig()
  if (config.databaseUrl && options.codes && !config.accessCodeKeyFile) {
    process.stderr.write(`${codeKeyRequired()}\n`)
    return undefined
  }
  if (config.databaseUrl) return openPostgresDatabase(config.databaseUrl, config.accessCodeKeyFile)
  const services = openServerDatabase(command)
  return services && { services, backend: sqliteBackend(services.db), close: async () => void services.db.close() }
}

/** The services on a PostgreSQL database, migrated to this release first; a command needs few connections. */
export async function openPostgresDatabase(url: string, codeKeyFile: string | undefined): Promise<CommandDatabase> {
  const storage = await openStorage(url, { maxConnections: 2 })
  const backend: Backend = { engine: 'postgres', storage }
  return { services: createServices(backend, { codeKeyFile }), backend, close: () => storage.close() }
}

/**
 * Opens the server's SQLite database (`$DATA_DIR/parsurvey.db`) for `command`, for what exists
 * on SQLite only (a backup of the file), or prints why not and returns undefined. With a
 * PostgreSQL `DATABASE_URL` it refuses: working on the SQLite file instead of the database the
 * server was told to use would change the wrong data.
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
