import { Kysely, SqliteDialect } from 'kysely'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase, type DB } from '../db/connection.ts'
import { asyncPort, type Async } from '../storage/backend.ts'
import type { Storage } from '../storage/open-storage.ts'
import type { StorageSchema } from '../storage/schema.ts'
import { storageEngines } from './storage-engines.ts'

/** One implementation of a port on an opened test database; `other()` is the same port on a second app server. */
export type OpenedPort<P> = { port: P; other(): Promise<P>; storage: Storage; drop(): Promise<void> }

/**
 * The implementations a port suite runs on (`describe.each(portEngines(…))`, docs/storage.md,
 * "ports"): the synchronous SQLite repository behind `asyncPort` (what the running SQLite server
 * uses), the Kysely store on SQLite, and the Kysely store on PostgreSQL, where `other()` is the
 * store on a second pool as a second app server has. `storage` reaches the same database for
 * seeding and for checking what was written (for the repository: a Kysely on its connection).
 */
export function portEngines<R extends object>(
  repository: (db: DB) => R,
  store: (storage: Storage) => Async<R>,
): { name: string; open(): Promise<OpenedPort<Async<R>>> }[] {
  return [
    {
      name: 'the SQLite repository',
      async open() {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-port-'))
        const db = openDatabase(path.join(dir, 'parsurvey.db'))
        const kysely = new Kysely<StorageSchema>({ dialect: new SqliteDialect({ database: db }) })
        const storage: Storage = { engine: 'sqlite', db: kysely, close: () => kysely.destroy() }
        const port = asyncPort(repository(db))
        return {
          port,
          other: async () => port,
          storage,
          async drop() {
            await storage.close()
            fs.rmSync(dir, { recursive: true, force: true })
          },
        }
      },
    },
    ...storageEngines.map((engine) => ({
      name: `the ${engine.name} store`,
      async open(): Promise<OpenedPort<Async<R>>> {
        const opened = await engine.open()
        return {
          port: store(opened.storage),
          other: async () => store(await opened.other()),
          storage: opened.storage,
          drop: opened.drop,
        }
      },
    })),
  ]
}

/** Adds an admin account `id` (a password that never matches), for the columns that name who acted. */
export async function addAdmin(storage: Storage, id: number, username = `admin${id}`): Promise<void> {
  await storage.db
    .insertInto('users')
    .values({
      id,
      username,
      password_hash: 'x',
      role: 'admin',
      all_units: 1,
      disabled_at: null,
      created_at: '2025-09-01T00:00:00Z',
      last_login_at: null,
    })
    .execute()
}
