import type { Survey } from '../survey/schema.ts'
import type { UnitScore } from '../scoring/score.ts'
import type { LeafRuleUse } from './types.ts'

const STATUS_OF_MISSING = { zero: 'zero', rescale: 'left-out', 'province-mean': 'province-mean' } as const

/**
 * Which rule each leaf of a unit went through when it had no answers or did not apply, read off
 * the unit's official score: a not-applicable leaf is the unit's `notApplicable`; an
 * `insufficient-data:<leaf>` flag went through the survey's `missing` rule.
 */
export function leafRulesUsed(survey: Survey, score: Pick<UnitScore, 'unitId' | 'flags'>): LeafRuleUse {
  const used: LeafRuleUse = { zero: [], 'province-mean': [], 'left-out': [], 'not-applicable': [] }
  const unit = survey.units.find((u) => u.id === score.unitId)
  used['not-applicable'].push(...(unit?.notApplicable ?? []))
  const status = STATUS_OF_MISSING[survey.missing]
  for (const flag of score.flags) {
    if (flag.startsWith('insufficient-data:')) used[status].push(flag.slice('insufficient-data:'.length))
  }
  return used
}
