import { applyRows, stateToRows } from './rows.ts'
import { emptyState, type ScoringState } from './state.ts'

/** A new state holding both inputs' responses (e.g. states built in parallel); inputs untouched. */
export function mergeStates(a: ScoringState, b: ScoringState): ScoringState {
  const merged = emptyState()
  applyRows(merged, stateToRows(a), 1)
  applyRows(merged, stateToRows(b), 1)
  return merged
}
