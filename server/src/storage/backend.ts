import type { DB } from '../db/connection.ts'
import type { Storage } from './open-storage.ts'

/**
 * The database a running server uses (docs/storage.md, "ports"):
 * - `sqlite`, the embedded default: one better-sqlite3 connection. Its repositories (`db/*.ts`)
 *   stay synchronous; `asyncPort` puts them behind the async ports, and since each port method
 *   runs to its end in one synchronous call it is atomic, as it was;
 * - `postgres` (`DATABASE_URL=postgres://…`): a pool shared by any number of app servers; the
 *   ports are implemented with Kysely (`storage/*-store.ts`).
 */
export type Backend = { engine: 'sqlite'; db: DB } | { engine: 'postgres'; storage: Storage }

type AnyFunction = (...args: never[]) => unknown

/**
 * The async port of a synchronous repository: the same methods, each returning a promise.
 * A PostgreSQL store implements it (`satisfies Async<XRepository>`), so the two engines cannot
 * drift apart in names, arguments or results. Members that are not functions are left out.
 */
export type Async<T> = {
  [K in keyof T as T[K] extends AnyFunction ? K : never]: T[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never
}

/**
 * A synchronous repository behind its async port. Every call still runs synchronously to its
 * end (better-sqlite3), and a throw becomes a rejected promise, so a caller sees the same
 * behaviour through the port on both engines.
 */
export function asyncPort<T extends object>(repository: T): Async<T> {
  const port: Record<string, unknown> = {}
  for (const [name, member] of Object.entries(repository)) {
    if (typeof member !== 'function') continue
    port[name] = (...args: unknown[]) => {
      try {
        return Promise.resolve((member as (...a: unknown[]) => unknown).apply(repository, args))
      } catch (error) {
        return Promise.reject(error)
      }
    }
  }
  return port as Async<T>
}
