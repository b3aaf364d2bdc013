import type { DB } from '@parsurvey/server'

/** Every aggregate row of the database, sorted, sums rounded to 1e-9 (float addition order). */
export function aggregatesSnapshot(db: DB): string[] {
  const rows = [
    ...db
      .prepare('SELECT * FROM agg_cells')
      .all()
      .map((r) => `cell ${JSON.stringify(round(r))}`),
    ...db
      .prepare('SELECT * FROM agg_options WHERE count <> 0')
      .all()
      .map((r) => `option ${JSON.stringify(r)}`),
    ...db
      .prepare('SELECT * FROM agg_tallies WHERE responses <> 0')
      .all()
      .map((r) => `tally ${JSON.stringify(r)}`),
  ]
  return rows.sort()
}

function round(row: unknown): unknown {
  const out: Record<string, unknown> = { ...(row as Record<string, unknown>) }
  for (const key of ['sum', 'sum_sq']) out[key] = Math.round((out[key] as number) * 1e9) / 1e9
  return out
}
