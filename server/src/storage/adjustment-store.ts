import type { Adjustment, AdjustmentSet } from '@parsurvey/shared'
import { adjustmentsAudit, type AdjustmentsRepository, type CurrentAdjustments } from '../db/adjustments.ts'
import { setSummary, type ScoreInputKey, type ScoreInputSetRow } from '../db/score-input-sets.ts'
import { auditStore } from './audit-store.ts'
import type { Async } from './backend.ts'
import type { Storage } from './open-storage.ts'
import { scoreInputSetStore } from './score-input-set-store.ts'
import { writeTransaction, type Tx } from './transactions.ts'

/** Rows per INSERT: 5 bound values each, far below both engines' parameter limits. */
const CHUNK = 500

/**
 * Bonus and penalty points on the async boundary (docs/storage.md), for SQLite and PostgreSQL
 * alike: the methods of db/adjustments.ts. An import is one transaction (the list, the score
 * inputs' generation and the audit entry), so every server's cached scores see it at once.
 */
export function adjustmentStore(storage: Storage) {
  const ledger = scoreInputSetStore(storage, 'adjustments')
  const toSet = (row: ScoreInputSetRow): AdjustmentSet => ({ ...setSummary(row), rows: row.count })

  async function apply(
    trx: Tx,
    key: ScoreInputKey,
    adjustments: Adjustment[],
    by: number | null,
    source: string,
    now: Date,
  ): Promise<number> {
    const { id, setVersion } = await ledger.open(trx, key, by, source, now)
    const rows = adjustments.map((a, i) => ({
      set_id: id,
      line: i + 1,
      unit_id: a.unitId,
      points: a.points,
      reason: a.reason,
    }))
    for (let i = 0; i < rows.length; i += CHUNK)
      await trx
        .insertInto('adjustment_rows')
        .values(rows.slice(i, i + CHUNK))
        .execute()
    return setVersion
  }

  async function current(db: Tx, key: ScoreInputKey): Promise<CurrentAdjustments | undefined> {
    const row = await ledger.current(db, key)
    if (!row) return undefined
    const rows = await db
      .selectFrom('adjustment_rows')
      .select(['unit_id', 'points', 'reason'])
      .where('set_id', '=', row.id)
      .orderBy('line')
      .execute()
    return { ...toSet(row), adjustments: rows.map((r) => ({ unitId: r.unit_id, points: r.points, reason: r.reason })) }
  }

  return {
    /** Stores a new list in a transaction of its own (no audit entry: `importSet` is the import). */
    apply: (
      key: ScoreInputKey,
      adjustments: Adjustment[],
      by: number | null,
      source: string,
      now = new Date(),
    ): Promise<number> => writeTransaction(storage, (trx) => apply(trx, key, adjustments, by, source, now)),
    /** An import: the new list and its audit entry in one transaction; returns the list now in force. */
    importSet: (
      key: ScoreInputKey,
      adjustments: Adjustment[],
      by: number | null,
      source: string,
      now = new Date(),
    ): Promise<CurrentAdjustments> =>
      writeTransaction(storage, async (trx) => {
        const before = await current(trx, key)
        const setVersion = await apply(trx, key, adjustments, by, source, now)
        await auditStore(trx).record(adjustmentsAudit(key, by, before, { setVersion, adjustments }), now)
        return (await current(trx, key))!
      }),
    history: async (key: ScoreInputKey): Promise<AdjustmentSet[]> => (await ledger.all(storage.db, key)).map(toSet),
    current: (key: ScoreInputKey) => current(storage.db, key),
  } satisfies Async<AdjustmentsRepository>
}
