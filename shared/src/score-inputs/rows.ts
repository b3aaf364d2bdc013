import type { Notice } from '../api/self-assessment.ts'
import { readNumberCell, type InputCell, type InputTable, unitSpelling } from './table.ts'

/** The two score inputs; each names its messages `<kind>-…` in the catalogue. */
export type ScoreInputKind = 'self-assessment' | 'adjustments'

/** Flags a row's problem on one of its fields; the first problem found is the one the row shows. */
export type RowError<F extends string> = (field: F, code: string, params?: Record<string, string | number>) => void

/** The error reporter of one preview row: keeps the first error, named in the reader's language. */
export function firstErrorOf<F extends string>(
  row: { error?: Notice & { field: F } },
  notice: (code: string, params?: Record<string, string | number>) => Notice,
): RowError<F> {
  return (field, code, params = {}) => {
    row.error ??= { ...notice(code, params), field }
  }
}

/**
 * A row's unit: given, one of the survey's, and spelled as in the survey (one that differs only
 * by case, spaces or diacritics is refused with the spelling to use, never taken silently).
 */
export function checkUnitCell(
  kind: ScoreInputKind,
  unitId: string,
  resolve: ReturnType<typeof unitSpelling>,
  error: RowError<'unitId'>,
): void {
  const known = resolve(unitId)
  if (unitId === '') error('unitId', `${kind}-missing-unit`)
  else if (known === null) error('unitId', `${kind}-unknown-unit`, { unitId })
  else if ('near' in known) error('unitId', 'score-inputs-unit-spelling', { unitId, surveyId: known.near })
}

/** A cell of points: its number, or null with the reason it holds none flagged on `field`. */
export function readPointsCell<F extends string>(
  kind: ScoreInputKind,
  table: InputTable,
  cells: InputCell[],
  column: number,
  field: F,
  error: RowError<F>,
): number | null {
  const read = readNumberCell(table, cells, column)
  if ('value' in read) return read.value
  if (read.problem === 'extra-cells') error(field, `${kind}-extra-cells`)
  else if (read.problem === 'formula') error(field, `${kind}-formula-without-result`, { formula: read.raw })
  else error(field, `${kind}-not-number`, { value: read.raw, column: field })
  return null
}
