import { sql, type Kysely } from 'kysely'
import type { Storage } from './open-storage.ts'
import type { StorageSchema } from './schema.ts'

export type Tx = Kysely<StorageSchema>

/**
 * A transaction that writes, on either engine. On SQLite it starts with `BEGIN IMMEDIATE`, as
 * the synchronous code does: it takes the write lock before its first read, so what it reads
 * cannot change before it writes, even with another process (the CLI) on the same file; a
 * deferred transaction that reads and then writes can instead fail on the upgrade. On
 * PostgreSQL it is an ordinary READ COMMITTED transaction: each decision is then made by a lock
 * or a statement inside it (docs/storage.md).
 */
export async function writeTransaction<T>(storage: Storage, fn: (trx: Tx) => Promise<T>): Promise<T> {
  if (storage.engine === 'postgres') return storage.db.transaction().execute(fn)
  return storage.db.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn)
    try {
      const result = await fn(conn)
      await sql`COMMIT`.execute(conn)
      return result
    } catch (error) {
      await sql`ROLLBACK`.execute(conn).catch(() => {})
      throw error
    }
  })
}

/**
 * The fold lock of PostgreSQL (docs/storage.md, "folds behind the watermark"). An identity `seq`
 * is handed out when a row is inserted, not when it commits, so a response with a lower seq can
 * commit after one with a higher seq; a fold that moved the watermark to the highest committed
 * seq would then never count it. So:
 *
 * - `'store'`: a transaction that inserts responses takes the shared form
 *   (`pg_advisory_xact_lock_shared`) before its first insert; any number of them run together;
 * - `'fold'`: a fold or a rebuild takes the exclusive form (`pg_advisory_xact_lock`), which waits
 *   until no storing transaction is in flight and keeps new ones waiting until it commits. Every
 *   seq handed out before it has then committed or rolled back, every seq handed out after it is
 *   higher than anything it reads, and two folds never run at once.
 *
 * Each transaction takes one form of one lock, once, at its start, so the lock adds no cycle a
 * deadlock could need. Both are released at commit or rollback. On SQLite (one writer, rowids
 * commit in order) there is nothing to do: `writeTransaction` already holds the write lock.
 * The key is `hashtext('parsurvey.fold')`, a fixed number written as its name.
 */
export async function takeFoldLock(storage: Storage, trx: Tx, mode: 'store' | 'fold'): Promise<void> {
  if (storage.engine !== 'postgres') return
  if (mode === 'fold') await sql`SELECT pg_advisory_xact_lock(hashtext('parsurvey.fold'))`.execute(trx)
  else await sql`SELECT pg_advisory_xact_lock_shared(hashtext('parsurvey.fold'))`.execute(trx)
}

/**
 * Runs `fn` in `db` when it is already a transaction (a port method called inside a larger one),
 * else in a new write transaction of `storage`. On SQLite `writeTransaction` hands out its
 * connection, which Kysely does not mark as a transaction: anything but the storage's own Kysely
 * is taken as one (opening another would wait for that connection forever).
 */
export function inWriteTransaction<T>(storage: Storage, db: Tx, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.isTransaction || db !== storage.db ? fn(db) : writeTransaction(storage, fn)
}

/**
 * Serialises transactions about one thing (`name`, e.g. `survey-round:<id>`) across app servers
 * on PostgreSQL: `pg_advisory_xact_lock` of the name's hash, released at commit or rollback, for
 * a decision with no row to lock yet (a first insert). On SQLite the write transaction already
 * holds the database's one write lock.
 */
export async function takeNamedLock(storage: Storage, trx: Tx, name: string): Promise<void> {
  if (storage.engine !== 'postgres') return
  // Built, not a template: the name is a bound value.
  await trx
    .selectNoFrom((eb) => eb.fn('pg_advisory_xact_lock', [eb.fn('hashtext', [eb.val(name)])]).as('locked'))
    .execute()
}

/**
 * Reads that must see one state of the database (e.g. a version's aggregate cells, options and
 * tallies, which a fold changes together): a read-only REPEATABLE READ transaction on
 * PostgreSQL, whose statements share one snapshot; a deferred transaction on SQLite, whose
 * first read fixes the snapshot the others see.
 */
export async function readTransaction<T>(storage: Storage, fn: (trx: Tx) => Promise<T>): Promise<T> {
  if (storage.engine === 'postgres')
    return storage.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn)
  return storage.db.transaction().execute(fn)
}
