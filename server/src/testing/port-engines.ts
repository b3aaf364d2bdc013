import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Kysely, SqliteDialect } from 'kysely'
import { openDatabase } from '../db/connection.ts'
import { createServices, type Services } from '../services.ts'
import { asyncPort, type Async } from '../storage/backend.ts'
import type { DB } from '../db/connection.ts'
import type { Storage } from '../storage/open-storage.ts'
import type { StorageSchema } from '../storage/schema.ts'
import { storageEngines } from './storage-engines.ts'

/**
 * One opened database under a port: `storage` seeds and inspects it (Kysely, either engine);
 * `services` is the running SQLite server's, only on the repository variant (its sync code,
 * e.g. the fold and rebuild, on the same connection as `storage`).
 */
export type PortCase<P> = {
  storage: Storage
  port: P
  /** The same port through a second connection (a second app server on PostgreSQL). */
  second(): Promise<P>
  /** A second connection to the database (the same one on SQLite: one process is its only writer). */
  otherStorage(): Promise<Storage>
  services?: Services
  drop(): Promise<void>
}

export type PortVariant<P> = { name: string; open(): Promise<PortCase<P>> }

/**
 * The three implementations a port suite runs against (`describe.each`, docs/storage.md,
 * "Ports"): the running server's SQLite repository behind its async port (`fromServices`), and
 * the Kysely store (`fromStorage`) on SQLite and on PostgreSQL (whose `second()` is another pool).
 */
export function portVariants<P>(
  fromServices: (services: Services) => P,
  fromStorage: (storage: Storage) => P,
): PortVariant<P>[] {
  return [
    {
      name: 'the SQLite repository',
      async open() {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-port-'))
        const db = openDatabase(path.join(dir, 'parsurvey.db'))
        const kysely = new Kysely<StorageSchema>({ dialect: new SqliteDialect({ database: db }) })
        const storage: Storage = { engine: 'sqlite', db: kysely, close: () => kysely.destroy() }
        const services = createServices(db)
        const port = fromServices(services)
        return {
          storage,
          port,
          services,
          second: async () => port,
          otherStorage: async () => storage,
          async drop() {
            await storage.close()
            fs.rmSync(dir, { recursive: true, force: true })
          },
        }
      },
    },
    ...storageEngines.map((engine) => ({
      name: `the ${engine.name} store`,
      async open(): Promise<PortCase<P>> {
        const opened = await engine.open()
        return {
          storage: opened.storage,
          port: fromStorage(opened.storage),
          second: async () => fromStorage(await opened.other()),
          otherStorage: opened.other,
          drop: opened.drop,
        }
      },
    })),
  ]
}

/** The variants of a port that is one repository: the SQLite repository behind `asyncPort`, or the Kysely store. */
export function portEngines<R extends object>(
  repository: (db: DB) => R,
  store: (storage: Storage) => Async<R>,
): PortVariant<Async<R>>[] {
  return portVariants((services) => asyncPort(repository(services.db)), store)
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
