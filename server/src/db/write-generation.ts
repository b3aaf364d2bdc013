import type { DB } from './connection.ts'

/**
 * A stamp that changes whenever the inputs of the scores may have changed: an in-process counter
 * bumped by every write to the aggregates or the self-assessment sets (this connection's own
 * commits, which `PRAGMA data_version` does not see), joined with SQLite's `data_version`, which
 * changes when another connection commits (the CLI's rebuild, run beside the server).
 * A bump inside a transaction that rolls back only costs one needless recomputation.
 */
export function writeGeneration(db: DB) {
  const dataVersion = db.prepare('PRAGMA data_version').pluck()
  let writes = 0
  return {
    /** Call in every code path that writes score inputs. */
    bump(): void {
      writes++
    },
    /** Equal stamps mean no score input changed in between. */
    stamp(): string {
      return `${writes}:${String(dataVersion.get())}`
    },
  }
}
export type WriteGeneration = ReturnType<typeof writeGeneration>
