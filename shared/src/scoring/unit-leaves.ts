import type { Survey } from '../survey/schema.ts'
import { applyLeafRules, provinceMeans, type UnitLeaves } from './leaf-rules.ts'
import { measureLeaves, type LeafMeasure } from './leaf-score.ts'
import type { ScoringState } from './state.ts'

/** Every unit's leaves under the survey's rules, by unit id, in survey order. */
export function scoreUnitLeaves(survey: Survey, state: ScoringState): Map<string, UnitLeaves> {
  const measures = new Map(survey.units.map((u) => [u.id, measureLeaves(survey, state, u.id)]))
  const means = survey.missing === 'province-mean' ? provinceMeans(survey, measures) : new Map<string, number>()
  return new Map(survey.units.map((u) => [u.id, applyLeafRules(survey, u, measures.get(u.id) ?? [], means)]))
}

/**
 * One unit's leaves under the survey's rules. Only `province-mean` needs the other units'
 * answers; the other rules measure this unit alone.
 */
export function scoreOneUnitLeaves(survey: Survey, state: ScoringState, unitId: string): UnitLeaves {
  const unit = survey.units.find((u) => u.id === unitId)
  if (survey.missing === 'province-mean') {
    const all = scoreUnitLeaves(survey, state).get(unitId)
    if (all) return all
  }
  const measures: LeafMeasure[] = measureLeaves(survey, state, unitId)
  return applyLeafRules(survey, unit, measures, new Map())
}
