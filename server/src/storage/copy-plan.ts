import type Database from 'better-sqlite3'
import type pg from 'pg'

/**
 * How one table is copied from SQLite to PostgreSQL: the target's columns, where each one's
 * value comes from in the source (a column of the same name, or SQLite's implicit `rowid` for
 * PostgreSQL's stand-in identity column such as `responses.seq`), the order rows are read in
 * (the primary key, else the rowid) and the identity columns whose sequences must move on.
 */
export type TablePlan = {
  name: string
  columns: string[]
  sources: string[]
  orderBy: string[]
  identity: string[]
  /** An identity column declared GENERATED ALWAYS: the insert must say OVERRIDING SYSTEM VALUE. */
  always: boolean
}

/** Recorded by each engine's own migrations, compared rather than copied. */
export const MIGRATIONS_TABLE = 'schema_migrations'

/** A schema problem found before anything is copied: the message code and its parameters. */
export class PlanError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number>,
  ) {
    super(code)
    this.name = 'PlanError'
  }
}

/** SQL identifiers taken from the two schemas (never from a request), quoted. */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`

type SourceTable = { name: string; columns: string[]; keys: string[]; parents: string[]; withoutRowid: boolean }
type TargetColumn = { table_name: string; column_name: string; is_identity: string; identity_generation: string | null }

function sourceTables(source: Database.Database): SourceTable[] {
  const tables = source
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string; sql: string }[]
  const info = source.prepare('SELECT name, pk FROM pragma_table_info(?) ORDER BY cid')
  const fks = source.prepare('SELECT DISTINCT "table" AS parent FROM pragma_foreign_key_list(?)').pluck()
  return tables.map(({ name, sql }) => {
    const columns = info.all(name) as { name: string; pk: number }[]
    return {
      name,
      columns: columns.map((c) => c.name),
      keys: columns
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      parents: (fks.all(name) as string[]).filter((parent) => parent !== name),
      withoutRowid: /\bWITHOUT\s+ROWID\s*;?\s*$/i.test(sql),
    }
  })
}

/** Parents before children, so every foreign key finds its row; alphabetical otherwise. */
function inKeyOrder(tables: SourceTable[]): SourceTable[] {
  const ordered: SourceTable[] = []
  const placed = new Set<string>()
  const names = new Set(tables.map((t) => t.name))
  let left = tables
  while (left.length > 0) {
    const ready = left.filter((t) => t.parents.every((p) => placed.has(p) || !names.has(p)))
    // A cycle of foreign keys (none today) cannot be copied row by row in this order.
    if (ready.length === 0) throw new PlanError('migrate-schema-differs', { table: left[0]!.name, detail: 'cycle' })
    for (const t of ready) placed.add(t.name)
    ordered.push(...ready)
    left = left.filter((t) => !placed.has(t.name))
  }
  return ordered
}

/**
 * The copy plan of every table the source has, in foreign-key order, checked against the
 * target's tables and columns: the table list is read from the schemas, so a table added by a
 * later migration is copied without anyone listing it. Any table or column one side has and the
 * other lacks stops the plan before anything is written.
 */
export async function planCopy(source: Database.Database, target: pg.ClientBase): Promise<TablePlan[]> {
  const { rows } = await target.query<TargetColumn>(
    `SELECT table_name, column_name, is_identity, identity_generation FROM information_schema.columns
     WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  )
  const targetTables = new Map<string, TargetColumn[]>()
  for (const row of rows) targetTables.set(row.table_name, [...(targetTables.get(row.table_name) ?? []), row])
  targetTables.delete(MIGRATIONS_TABLE)

  const tables = sourceTables(source).filter((t) => t.name !== MIGRATIONS_TABLE)
  for (const name of targetTables.keys())
    if (!tables.some((t) => t.name === name))
      throw new PlanError('migrate-schema-differs', { table: name, detail: 'only in PostgreSQL' })

  return inKeyOrder(tables).map((table): TablePlan => {
    const columns = targetTables.get(table.name)
    if (!columns) throw new PlanError('migrate-schema-differs', { table: table.name, detail: 'only in SQLite' })
    const names = columns.map((c) => c.column_name)
    const extra = table.columns.filter((c) => !names.includes(c))
    if (extra.length > 0)
      throw new PlanError('migrate-schema-differs', {
        table: table.name,
        detail: `only in SQLite: ${extra.join(', ')}`,
      })
    const sources = columns.map((c) => {
      if (table.columns.includes(c.column_name)) return quoteIdent(c.column_name)
      // PostgreSQL's stand-in for the implicit rowid the code relies on (db/migrations-pg/001_init.sql).
      if (c.is_identity === 'YES' && !table.withoutRowid) return 'rowid'
      throw new PlanError('migrate-schema-differs', {
        table: table.name,
        detail: `only in PostgreSQL: ${c.column_name}`,
      })
    })
    const identity = columns.filter((c) => c.is_identity === 'YES')
    return {
      name: table.name,
      columns: names,
      sources,
      orderBy: table.keys.length > 0 ? table.keys.map(quoteIdent) : ['rowid'],
      identity: identity.map((c) => c.column_name),
      always: identity.some((c) => c.identity_generation === 'ALWAYS'),
    }
  })
}

/**
 * The migrations the source has applied beside those this release's PostgreSQL has: both
 * engines record the same versions (one file name per migration), so they must be equal.
 */
export function compareVersions(source: Database.Database, target: string[]): { missing: string[]; extra: string[] } {
  const applied = source.prepare('SELECT version FROM schema_migrations').pluck().all() as string[]
  return {
    missing: target.filter((v) => !applied.includes(v)).sort(),
    extra: applied.filter((v) => !target.includes(v)).sort(),
  }
}
