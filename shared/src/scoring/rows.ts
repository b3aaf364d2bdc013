import { emptyCell, emptyState, groupState, type ScoringState } from './state.ts'

/**
 * The scoring state as flat rows, the shape a server persists (one table per row type) and the
 * shape of the deltas one response adds (contributions.ts). Rows are additive: applying a set of
 * rows with sign +1 and then -1 leaves the state as it was, and applying them in any order gives
 * the same state.
 */
export type CellRow = {
  unitId: string
  groupId: string
  questionId: string
  count: number
  sum: number
  sumSq: number
  dontKnow: number
}
export type OptionRow = { unitId: string; groupId: string; questionId: string; value: string; count: number }
export type TallyRow = { unitId: string; groupId: string; locationId: string | null; responses: number }
export type ScoringRows = { cells: CellRow[]; options: OptionRow[]; tallies: TallyRow[] }

export function emptyRows(): ScoringRows {
  return { cells: [], options: [], tallies: [] }
}

/**
 * Adds `sign` × rows to the state in place. Entries that fall back to zero are deleted, and a
 * cell whose count returns to 0 gets sum and sumSq reset to exactly 0, so that adding then
 * voiding a response leaves no floating-point residue behind.
 */
export function applyRows(state: ScoringState, rows: ScoringRows, sign: 1 | -1): void {
  for (const row of rows.tallies) {
    const group = groupState(state, row.unitId, row.groupId)
    const next = (group.responses.get(row.locationId) ?? 0) + sign * row.responses
    if (next === 0) group.responses.delete(row.locationId)
    else group.responses.set(row.locationId, next)
  }
  for (const row of rows.cells) {
    const cells = groupState(state, row.unitId, row.groupId).cells
    const cell = cells.get(row.questionId) ?? emptyCell()
    cell.count += sign * row.count
    cell.dontKnow += sign * row.dontKnow
    cell.sum = cell.count === 0 ? 0 : cell.sum + sign * row.sum
    cell.sumSq = cell.count === 0 ? 0 : cell.sumSq + sign * row.sumSq
    cells.set(row.questionId, cell)
  }
  for (const row of rows.options) {
    const cells = groupState(state, row.unitId, row.groupId).cells
    const cell = cells.get(row.questionId) ?? emptyCell()
    const next = (Object.hasOwn(cell.options, row.value) ? (cell.options[row.value] ?? 0) : 0) + sign * row.count
    if (next === 0) delete cell.options[row.value]
    else cell.options[row.value] = next
    cells.set(row.questionId, cell)
  }
  if (sign === -1) prune(state, rows)
}

/** Drops the cells, groups and units the rows touched that are left with nothing in them. */
function prune(state: ScoringState, rows: ScoringRows): void {
  for (const row of [...rows.tallies, ...rows.cells, ...rows.options]) {
    const unit = state.units.get(row.unitId)
    const group = unit?.get(row.groupId)
    if (!unit || !group) continue
    if ('questionId' in row) {
      const cell = group.cells.get(row.questionId)
      if (cell && cell.count === 0 && cell.dontKnow === 0 && Object.keys(cell.options).length === 0)
        group.cells.delete(row.questionId)
    }
    if (group.cells.size === 0 && group.responses.size === 0) unit.delete(row.groupId)
    if (unit.size === 0) state.units.delete(row.unitId)
  }
}

/** Rebuilds a state from persisted rows (e.g. the server's aggregate tables). */
export function stateFromRows(rows: ScoringRows): ScoringState {
  const state = emptyState()
  applyRows(state, rows, 1)
  return state
}

/** The state as rows, one per unit × group × question (cells), × value (options), × location (tallies). */
export function stateToRows(state: ScoringState): ScoringRows {
  const rows = emptyRows()
  for (const [unitId, unit] of state.units) {
    for (const [groupId, group] of unit) {
      for (const [locationId, responses] of group.responses)
        rows.tallies.push({ unitId, groupId, locationId, responses })
      for (const [questionId, cell] of group.cells) {
        const { count, sum, sumSq, dontKnow } = cell
        rows.cells.push({ unitId, groupId, questionId, count, sum, sumSq, dontKnow })
        for (const [value, n] of Object.entries(cell.options))
          rows.options.push({ unitId, groupId, questionId, value, count: n })
      }
    }
  }
  return rows
}
