import path from 'node:path'
import { databaseName, type Config } from './config.ts'
import { checkDataDir, lockDataDir, StartupError } from './data-dir.ts'
import { openDatabase } from './db/connection.ts'
import type { Logger } from './http/logger.ts'
import { createServices, type Services } from './services.ts'
import { openStorage } from './storage/open-storage.ts'

/** The database a starting server serves from, with the services built on it. */
export type ServerDatabase = {
  services: Services
  /** What the start-up log names: the SQLite file, or the PostgreSQL URL without its password. */
  name: string
  /** At stop: releases the database (on SQLite after folding what waits, else the next start folds it). */
  close(): Promise<void>
}

/**
 * Opens the server's database, brings its schema up to date and builds the services on it:
 * PostgreSQL when `DATABASE_URL` names one (any number of app servers share it; nothing is kept
 * in `DATA_DIR`), else `$DATA_DIR/parsurvey.db`, which one server at a time may serve (the data
 * folder's lock).
 */
export function openDatabaseToServe(config: Config, logger: Logger): Promise<ServerDatabase> {
  return config.databaseUrl
    ? openPostgres(config.databaseUrl, config, logger)
    : Promise.resolve(openSqlite(config, logger))
}

async function openPostgres(url: string, config: Config, logger: Logger): Promise<ServerDatabase> {
  const name = databaseName(url)
  let storage
  try {
    // Migrates under an advisory lock: of servers starting together one migrates, the others wait.
    storage = await openStorage(url, {
      onIdleError: (err) =>
        logger.warn({ err }, `database: an idle connection ended (${err.message}); replaced at need`),
    })
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    throw new StartupError(`Cannot open the database ${name} (${reason}). Check DATABASE_URL and that PostgreSQL runs.`)
  }
  const services = createServices(
    { engine: 'postgres', storage },
    { log: logger, codeKeyFile: config.accessCodeKeyFile },
  )
  return {
    services,
    name,
    async close() {
      // The folds started after the last commits end before the pool does.
      await services.backgroundFolds.close()
      await storage.close()
    },
  }
}

function openSqlite(config: Config, logger: Logger): ServerDatabase {
  const file = path.join(config.dataDir, 'parsurvey.db')
  // Before SQLite touches anything: a usable folder, and no other server on it.
  checkDataDir(config.dataDir)
  process.on('exit', lockDataDir(config.dataDir))
  let db
  try {
    db = openDatabase(file, {
      onUpgradeCopy: ({ file: copy, from, to }) =>
        logger.info({ copy, from, to }, `Upgrade: database copied to ${copy} before migrations ${from} → ${to}`),
    })
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    throw new StartupError(`Cannot open the database ${file} (${reason}). Check the disk and the file's permissions.`)
  }
  const services = createServices(db, { log: logger })
  // Responses a crash left unfolded are added to the aggregates before anything reads them.
  const recovered = services.folding.flush().fromStorage
  if (recovered > 0)
    logger.info(`Aggregates: added ${recovered} stored responses that an earlier stop had not folded in`)
  const opened = db
  return {
    services,
    name: file,
    async close() {
      try {
        services.folding.close()
      } catch (err) {
        logger.error({ err }, 'aggregates: fold on stop failed, the next start folds')
      }
      opened.close()
    },
  }
}
