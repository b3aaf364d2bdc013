import { sql, type AliasedRawBuilder, type RawBuilder } from 'kysely'

/** A column of rows sent to PostgreSQL as one array: its name and the array's element type. */
export type ArrayColumn = readonly [name: string, type: 'text' | 'bigint' | 'float8']

/**
 * Rows as a PostgreSQL table source, `unnest($1::text[], $2::bigint[], …) AS u(col, …)`: one
 * bound array per column instead of one bound value per cell. A fold's or a rebuild's upsert of
 * tens of thousands of aggregate rows is then a few statements with a few parameters each,
 * rather than a hundred statements of thousands of parameters that the client must build and
 * PostgreSQL must parse. The column names and types come from the callers' constant lists; the
 * values are always bound.
 */
export function unnestRows<O>(columns: readonly ArrayColumn[], rows: unknown[][]): AliasedRawBuilder<O, 'u'> {
  const arrays = columns.map(([, type], i) => {
    const values = rows.map((row) => row[i])
    return sql`${values}::${sql.raw(type)}[]`
  })
  const names = sql.join(columns.map(([name]) => sql.id(name)))
  return sql<O>`unnest(${sql.join(arrays)})`.as<'u'>(sql`u(${names})`)
}

/** A bound value with its PostgreSQL type, for the constant columns of an `INSERT … SELECT`. */
export const typed = (value: string | number, type: 'text' | 'int'): RawBuilder<unknown> =>
  sql`${value}::${sql.raw(type)}`
