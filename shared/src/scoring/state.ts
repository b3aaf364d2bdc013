/**
 * The incremental scoring state: everything scoring needs, kept as sums so that adding or voiding
 * one response is O(answers) and a server can persist it as flat rows (see rows.ts).
 *
 * unit → group → { responses per location, cells per question }.
 */

/** Aggregates of one unit × group × question. */
export type ScoreCell = {
  /** Answers whose option score is a number. */
  count: number
  /** Σ score over those answers. */
  sum: number
  /** Σ score² over those answers (for the spread and the 95% interval). */
  sumSq: number
  /** Answers whose option score is null ("don't know / no opinion"). */
  dontKnow: number
  /** Every choice answer counted by option value, scored or not (answer distributions). */
  options: Record<string, number>
}

export type ScoringGroupState = {
  /** Responses per location id; `null` for responses without a location. */
  responses: Map<string | null, number>
  cells: Map<string, ScoreCell>
}

export type ScoringUnitState = Map<string, ScoringGroupState>

export type ScoringState = { units: Map<string, ScoringUnitState> }

export function emptyState(): ScoringState {
  return { units: new Map() }
}

/** A cell with no answers. `options` has no prototype so that a value like "constructor" is safe. */
export function emptyCell(): ScoreCell {
  return { count: 0, sum: 0, sumSq: 0, dontKnow: 0, options: Object.create(null) as Record<string, number> }
}

export function groupState(state: ScoringState, unitId: string, groupId: string): ScoringGroupState {
  let unit = state.units.get(unitId)
  if (!unit) {
    unit = new Map()
    state.units.set(unitId, unit)
  }
  let group = unit.get(groupId)
  if (!group) {
    group = { responses: new Map(), cells: new Map() }
    unit.set(groupId, group)
  }
  return group
}

export function findCell(
  state: ScoringState,
  unitId: string,
  groupId: string,
  questionId: string,
): ScoreCell | undefined {
  return state.units.get(unitId)?.get(groupId)?.cells.get(questionId)
}

export function optionCount(cell: ScoreCell, value: string): number {
  return Object.hasOwn(cell.options, value) ? (cell.options[value] ?? 0) : 0
}

/** Responses received for a unit, over all groups and locations. */
export function unitResponses(state: ScoringState, unitId: string): number {
  let total = 0
  for (const group of state.units.get(unitId)?.values() ?? []) {
    for (const n of group.responses.values()) total += n
  }
  return total
}
