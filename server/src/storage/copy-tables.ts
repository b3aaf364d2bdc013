import type Database from 'better-sqlite3'
import type pg from 'pg'
import { PlanError, quoteIdent, type TablePlan } from './copy-plan.ts'

/** Parameters in one INSERT statement: PostgreSQL takes at most 65,535. */
const MAX_PARAMETERS = 60_000
const MAX_ROWS_PER_INSERT = 1_000

export type CopyOutcome = { kind: 'copied'; rows: Record<string, number> } | { kind: 'not-empty'; tables: string[] }

/**
 * Copies every planned table from the SQLite source into PostgreSQL in one transaction: all of
 * it lands or none of it does. The target's tables are locked first, then checked: a table
 * holding rows refuses the copy unless `replace` (then everything in them is deleted in the same
 * transaction). Rows are read in key order and inserted in batches; SQLite integers are read as
 * BigInt so no value above 2^53 loses digits; BLOBs arrive as bytea, NULLs as NULL, text as it
 * is. Identity sequences are then moved past the highest copied id, so rows written later get
 * fresh ids. `onTable` hears each table once it is in.
 */
export async function copyTables(
  source: Database.Database,
  target: pg.ClientBase,
  plans: TablePlan[],
  options: { replace: boolean; onTable?: (table: string, rows: number) => void },
): Promise<CopyOutcome> {
  const tables = plans.map((p) => quoteIdent(p.name)).join(', ')
  await target.query('BEGIN')
  try {
    // Nobody may write between the check and the copy (another copy, or a server started early).
    await target.query(`LOCK TABLE ${tables} IN ACCESS EXCLUSIVE MODE`)
    const filled = await filledTables(target, plans)
    if (filled.length > 0 && !options.replace) {
      await target.query('ROLLBACK')
      return { kind: 'not-empty', tables: filled }
    }
    // TRUNCATE skips the row triggers that keep tables append-only; and clears what migrations seeded.
    await target.query(`TRUNCATE ${tables}`)
    const rows: Record<string, number> = {}
    for (const plan of plans) {
      const copied = await copyTable(source, target, plan)
      await moveSequences(target, plan)
      rows[plan.name] = copied
      options.onTable?.(plan.name, copied)
    }
    await target.query('COMMIT')
    return { kind: 'copied', rows }
  } catch (error) {
    await target.query('ROLLBACK').catch(() => {})
    throw error
  }
}

/**
 * The rows migrations put into an empty database, as a condition that is true of any other row:
 * the watermark's one row at 0 (migration 006) and the scores stamp's one row at 0 (095) are not
 * data. A migration that seeds a table adds it here, or the copy refuses every fresh target
 * (migrate-to-postgres.test.ts copies into one).
 */
const NOT_SEED: Record<string, string> = {
  aggregate_watermark: 'folded_through <> 0',
  score_inputs_generation: 'generation <> 0',
}

/** The tables that hold data (rows other than what the migrations seeded). */
async function filledTables(target: pg.ClientBase, plans: TablePlan[]): Promise<string[]> {
  const filled: string[] = []
  for (const { name } of plans) {
    const table = quoteIdent(name)
    const where = Object.hasOwn(NOT_SEED, name) ? ` WHERE ${NOT_SEED[name]}` : ''
    const { rows } = await target.query<{ filled: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${table}${where}) AS filled`)
    if (rows[0]?.filled) filled.push(name)
  }
  return filled
}

/** A copy failure names its table; the transaction around it is rolled back by the caller. */
export class CopyError extends PlanError {}

async function copyTable(source: Database.Database, target: pg.ClientBase, plan: TablePlan): Promise<number> {
  const table = quoteIdent(plan.name)
  const sourceList = plan.sources.join(', ')
  const orderList = plan.orderBy.join(', ')
  const read = source.prepare(`SELECT ${sourceList} FROM ${table} ORDER BY ${orderList}`).raw().safeIntegers()
  const perInsert = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS / plan.columns.length)))
  let batch: unknown[][] = []
  let copied = 0
  const flush = async () => {
    if (batch.length === 0) return
    try {
      await target.query(insertText(plan, batch.length), batch.flat())
    } catch (error) {
      throw new CopyError('migrate-copy-failed', {
        table: plan.name,
        reason: error instanceof Error ? error.message : String(error),
      })
    }
    copied += batch.length
    batch = []
  }
  for (const row of read.iterate() as IterableIterator<unknown[]>) {
    batch.push(row)
    if (batch.length === perInsert) await flush()
  }
  await flush()
  return copied
}

/** `INSERT INTO t (a, b) [OVERRIDING SYSTEM VALUE] VALUES ($1, $2), ($3, $4), …` for `rows` rows. */
function insertText(plan: TablePlan, rows: number): string {
  const table = quoteIdent(plan.name)
  const columnList = plan.columns.map(quoteIdent).join(', ')
  const width = plan.columns.length
  const valueRows = Array.from(
    { length: rows },
    (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`,
  ).join(', ')
  // Copied ids are kept as they are, also in a GENERATED ALWAYS column (responses.seq = SQLite's rowid).
  const overrideClause = plan.always ? 'OVERRIDING SYSTEM VALUE ' : ''
  return `INSERT INTO ${table} (${columnList}) ${overrideClause}VALUES ${valueRows}`
}

/** Each identity sequence continues after the highest copied value (at 1 for an empty table). */
async function moveSequences(target: pg.ClientBase, plan: TablePlan): Promise<void> {
  const table = quoteIdent(plan.name)
  for (const name of plan.identity) {
    const identityColumn = quoteIdent(name)
    await target.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX(${identityColumn}), 0) + 1, false) FROM ${table}`,
      [table, name],
    )
  }
}
