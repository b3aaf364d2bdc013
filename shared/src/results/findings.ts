import type { Locale } from '../errors/messages/index.ts'
import type { SurveyScores } from '../scoring/score.ts'
import type { ScoringState } from '../scoring/state.ts'
import { surveyIndex } from '../scoring/survey-index.ts'
import type { Survey } from '../survey/schema.ts'
import { labelIn } from './labels.ts'
import { groupDomainMatrix, leavesUnder } from './province.ts'
import type { GroupGap, ResultsQuality, ResultsRow, WeakCriterion } from './types.ts'

/** How many of the weakest criteria a report names. */
const WEAKEST = 5

/**
 * The criteria the province does worst on: per leaf, the mean points over the units where it
 * counted from answers (a leaf filled, zeroed, left out or not applicable says nothing about the
 * unit), lowest share of the maximum first.
 */
export function weakestCriteria(survey: Survey, scores: SurveyScores, locale: Locale): WeakCriterion[] {
  const under = leavesUnder(survey)
  const domainOf = new Map<string, string>()
  for (const domain of survey.criteria) for (const leaf of under.get(domain.id) ?? []) domainOf.set(leaf, domain.id)
  const domains = new Map(survey.criteria.map((d) => [d.id, labelIn(d.label, locale)]))
  const found: WeakCriterion[] = []
  for (const leaf of surveyIndex(survey).leaves) {
    const max = leaf.maxPoints ?? 0
    const points = scores.units
      .filter((u) => u.criteria[leaf.id] !== undefined && !u.flags.includes(`insufficient-data:${leaf.id}`))
      .map((u) => u.criteria[leaf.id]!)
    if (points.length === 0 || max <= 0) continue
    const meanPoints = points.reduce((a, b) => a + b, 0) / points.length
    found.push({
      criterionId: leaf.id,
      label: labelIn(leaf.label, locale),
      domainLabel: domains.get(domainOf.get(leaf.id) ?? '') ?? '',
      maxPoints: max,
      meanPoints,
      meanFraction: meanPoints / max,
      units: points.length,
    })
  }
  return found
    .sort((a, b) => a.meanFraction - b.meanFraction || a.criterionId.localeCompare(b.criterionId))
    .slice(0, WEAKEST)
}

/**
 * Per domain, each group's mean score over the whole province (answers pooled over units and the
 * domain's questions, n under the don't-know rule), and the gap between the highest and the
 * lowest group; domains with the widest gaps first.
 */
export function groupGaps(survey: Survey, state: ScoringState, locale: Locale): GroupGap[] {
  const pooled = new Map<string, { sum: number; n: number }>()
  for (const unit of survey.units) {
    for (const cell of groupDomainMatrix(survey, state, unit.id)) {
      if (cell.mean === null) continue
      const key = `${cell.domainId}\u0000${cell.groupId}`
      const p = pooled.get(key) ?? { sum: 0, n: 0 }
      p.sum += cell.mean * cell.n
      p.n += cell.n
      pooled.set(key, p)
    }
  }
  const gaps: GroupGap[] = []
  for (const domain of survey.criteria) {
    const groups = survey.groups.flatMap((g) => {
      const p = pooled.get(`${domain.id}\u0000${g.id}`)
      return p && p.n > 0 ? [{ groupId: g.id, label: labelIn(g.label, locale), mean: p.sum / p.n, n: p.n }] : []
    })
    if (groups.length < 2) continue
    const means = groups.map((g) => g.mean)
    gaps.push({
      domainId: domain.id,
      label: labelIn(domain.label, locale),
      groups,
      gap: Math.max(...means) - Math.min(...means),
    })
  }
  return gaps.sort((a, b) => b.gap - a.gap)
}

/** The responses a group should give for a unit: its quota, per location where the survey says so. */
export const groupQuota = (group: Survey['groups'][number], unit: Survey['units'][number] | undefined): number =>
  group.quota * (group.quotaPer === 'location' ? Math.max(unit?.locations.length ?? 0, 1) : 1)

/** Responses against the quotas, per group, and how often the rules had to stand in for answers. */
export function dataQuality(survey: Survey, state: ScoringState, rows: ResultsRow[], locale: Locale): ResultsQuality {
  const groups = survey.groups.map((g) => ({
    groupId: g.id,
    label: labelIn(g.label, locale),
    responses: 0,
    expected: 0,
  }))
  let unitsBelowQuota = 0
  for (const unit of survey.units) {
    let below = false
    survey.groups.forEach((g, i) => {
      const expected = groupQuota(g, unit)
      let received = 0
      for (const n of state.units.get(unit.id)?.get(g.id)?.responses.values() ?? []) received += n
      groups[i]!.responses += received
      groups[i]!.expected += expected
      if (received < expected) below = true
    })
    if (below) unitsBelowQuota++
  }
  const count = (pick: (r: ResultsRow) => string[]) => rows.reduce((n, r) => n + pick(r).length, 0)
  return {
    responses: groups.reduce((n, g) => n + g.responses, 0),
    expected: groups.reduce((n, g) => n + g.expected, 0),
    groups,
    unitsWithoutResponses: rows.filter((r) => r.responses === 0).length,
    unitsBelowQuota,
    insufficientLeaves: count((r) => [...r.rules.zero, ...r.rules['province-mean'], ...r.rules['left-out']]),
    filledByMean: count((r) => r.rules['province-mean']),
    leftOut: count((r) => r.rules['left-out']),
    zeroed: count((r) => r.rules.zero),
  }
}
