import type { SelfAssessmentSet, SelfAssessmentValues } from '@parsurvey/shared'
import type { ScoreInputKey, ScoreInputSetRow } from '../db/score-input-sets.ts'
import { setSummary } from '../db/score-input-sets.ts'
import {
  selfAssessmentAudit,
  type SelfAssessmentOptions,
  type SelfAssessmentsRepository,
} from '../db/self-assessments.ts'
import { auditStore } from './audit-store.ts'
import type { Async } from './backend.ts'
import type { Storage } from './open-storage.ts'
import { scoreInputSetStore } from './score-input-set-store.ts'
import { writeTransaction, type Tx } from './transactions.ts'

/** Rows per INSERT: 4 bound values each, far below both engines' parameter limits. */
const CHUNK = 500

/**
 * Imported self-assessment points on the async boundary (docs/storage.md), for SQLite and
 * PostgreSQL alike: the methods of db/self-assessments.ts. An import is one transaction (the set,
 * its values, the score inputs' generation and the audit entry), so every server's cached
 * scores see it at once, and two imports at once get consecutive set numbers.
 */
export function selfAssessmentStore(storage: Storage) {
  const ledger = scoreInputSetStore(storage, 'self-assessment')
  const toSet = (row: ScoreInputSetRow): SelfAssessmentSet => ({ ...setSummary(row), units: row.count })

  async function apply(
    trx: Tx,
    key: ScoreInputKey,
    values: Map<string, number>,
    by: number | null,
    source: string,
    { now = new Date(), domains = {} }: SelfAssessmentOptions,
  ): Promise<number> {
    const { id, setVersion } = await ledger.open(trx, key, by, source, now)
    const rows = [...values].map(([unit_id, points]) => ({ set_id: id, unit_id, points }))
    for (let i = 0; i < rows.length; i += CHUNK)
      await trx
        .insertInto('self_assessment_values')
        .values(rows.slice(i, i + CHUNK))
        .execute()
    const domainRows = Object.entries(domains).flatMap(([unit_id, byDomain]) =>
      Object.entries(byDomain).map(([criterion_id, points]) => ({ set_id: id, unit_id, criterion_id, points })),
    )
    for (let i = 0; i < domainRows.length; i += CHUNK)
      await trx
        .insertInto('self_assessment_domain_values')
        .values(domainRows.slice(i, i + CHUNK))
        .execute()
    return setVersion
  }

  async function current(db: Tx, key: ScoreInputKey): Promise<SelfAssessmentValues | undefined> {
    const row = await ledger.current(db, key)
    if (!row) return undefined
    const values: Record<string, number> = Object.create(null) as Record<string, number>
    for (const v of await db
      .selectFrom('self_assessment_values')
      .select(['unit_id', 'points'])
      .where('set_id', '=', row.id)
      .orderBy('unit_id')
      .execute())
      values[v.unit_id] = v.points
    const domains: Record<string, Record<string, number>> = Object.create(null) as Record<
      string,
      Record<string, number>
    >
    for (const d of await db
      .selectFrom('self_assessment_domain_values')
      .select(['unit_id', 'criterion_id', 'points'])
      .where('set_id', '=', row.id)
      .orderBy('unit_id')
      .orderBy('criterion_id')
      .execute())
      (domains[d.unit_id] ??= {})[d.criterion_id] = d.points
    return { ...toSet(row), values, domains }
  }

  return {
    /** Stores a new set in a transaction of its own (no audit entry: `importSet` is the import). */
    apply: (
      key: ScoreInputKey,
      values: Map<string, number>,
      by: number | null,
      source: string,
      options: SelfAssessmentOptions = {},
    ): Promise<number> => writeTransaction(storage, (trx) => apply(trx, key, values, by, source, options)),
    /** An import: the new set and its audit entry in one transaction; returns the set now in force. */
    importSet: (
      key: ScoreInputKey,
      values: Map<string, number>,
      by: number | null,
      source: string,
      options: SelfAssessmentOptions = {},
    ): Promise<SelfAssessmentValues> =>
      writeTransaction(storage, async (trx) => {
        const before = await current(trx, key)
        const setVersion = await apply(trx, key, values, by, source, options)
        await auditStore(trx).record(
          selfAssessmentAudit(key, by, before, { setVersion, values, domains: options.domains ?? {} }),
          options.now,
        )
        return (await current(trx, key))!
      }),
    history: async (key: ScoreInputKey): Promise<SelfAssessmentSet[]> => (await ledger.all(storage.db, key)).map(toSet),
    current: (key: ScoreInputKey) => current(storage.db, key),
  } satisfies Async<SelfAssessmentsRepository>
}
