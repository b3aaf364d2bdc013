import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Kysely, SqliteDialect } from 'kysely'
import { openDatabase } from '../db/connection.ts'
import { createServices, type Services } from '../services.ts'
import type { Storage } from '../storage/open-storage.ts'
import type { StorageSchema } from '../storage/schema.ts'
import { storageEngines } from './storage-engines.ts'

/**
 * The services of two app servers on one database, for the `*.engines.test.ts` suites that run
 * the app through HTTP on either backend. On PostgreSQL `one` and `two` each have their own pool
 * and only the services on the storage boundary (the others throw); on SQLite one process is the
 * database's only server (docs/storage.md), so both are the same services. `storage` reads the
 * database directly (Kysely, either engine) for what a test checks.
 */
export type AppBackend = { one: Services; two: Services; storage: Storage; close(): Promise<void> }

export const appBackends: { name: 'SQLite' | 'PostgreSQL'; open(): Promise<AppBackend> }[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-app-'))
      const db = openDatabase(path.join(dir, 'parsurvey.db'))
      const services = createServices(db)
      const kysely = new Kysely<StorageSchema>({ dialect: new SqliteDialect({ database: db }) })
      return {
        one: services,
        two: services,
        storage: { engine: 'sqlite', db: kysely, close: () => kysely.destroy() },
        async close() {
          services.folding.stop()
          // Closes the connection too.
          await kysely.destroy()
          fs.rmSync(dir, { recursive: true, force: true })
        },
      }
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const opened = await storageEngines.find((e) => e.name === 'PostgreSQL')!.open()
      // The access-code key file both servers share (ACCESS_CODE_KEY_FILE).
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-app-key-'))
      const codeKeyFile = path.join(dir, 'access-codes.key')
      fs.writeFileSync(codeKeyFile, randomBytes(32).toString('base64'), { mode: 0o600 })
      const one = createServices({ engine: 'postgres', storage: opened.storage }, { codeKeyFile })
      const two = createServices({ engine: 'postgres', storage: await opened.other() }, { codeKeyFile })
      return {
        one,
        two,
        storage: opened.storage,
        async close() {
          // As a server stops: the folds started after its commits end before its pool closes.
          await Promise.all([one.backgroundFolds.close(), two.backgroundFolds.close()])
          await opened.drop()
          fs.rmSync(dir, { recursive: true, force: true })
        },
      }
    },
  },
]
