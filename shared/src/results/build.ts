import type { Locale } from '../errors/messages/index.ts'
import type { Adjustment } from '../scoring/adjustments.ts'
import { roundHalfUp } from '../scoring/round.ts'
import type { SurveyScores, UnitScore } from '../scoring/score.ts'
import type { ScoringState } from '../scoring/state.ts'
import { findCriterion } from '../survey/criteria-tree.ts'
import type { Survey } from '../survey/schema.ts'
import { dataQuality, groupGaps, weakestCriteria } from './findings.ts'
import { labelIn } from './labels.ts'
import { leafRulesUsed } from './leaf-rules-used.ts'
import { leavesUnder } from './province.ts'
import type { ClassCount, ResultsDomainCell, ResultsPack, ResultsRow } from './types.ts'

export type ResultsInput = {
  survey: Survey
  scores: SurveyScores
  /** The aggregate state the scores came from: group differences and quotas need it. */
  state: ScoringState
  /** Unit id → domain id → self-assessment points (the import's domain columns). */
  selfDomains?: Record<string, Record<string, number>>
  adjustments?: Adjustment[]
  /** Last year's official scores (the score JSON), matched by unit id. */
  previous?: SurveyScores | null
  locale?: Locale
}

/**
 * The official results of a survey version as the appendix of a decision publishes them (issue 15
 * part 2): per unit in rank order its name, per domain self-assessment / survey / total, survey
 * points, adjustments, total, % of the maximum, rank, classification label, last year and the
 * change; the class counts; and the findings a draft report needs. Pure: the scores are the
 * engine's, nothing is recomputed but the domain split and the roundings of what is shown.
 */
export function buildResultsPack(input: ResultsInput): ResultsPack {
  const { survey, scores, state } = input
  const locale = input.locale ?? 'vi'
  const under = leavesUnder(survey)
  const names = new Map(survey.units.map((u) => [u.id, labelIn(u.name, locale)]))
  const bands = new Map(survey.classification.map((b) => [b.id, labelIn(b.label, locale)]))
  const previous = new Map((input.previous?.units ?? []).map((u) => [u.unitId, u.total]))
  const items = new Map<string, { points: number; reason: string }[]>()
  for (const a of input.adjustments ?? []) items.set(a.unitId, [...(items.get(a.unitId) ?? []), a])
  const maxTotal = survey.surveyPoints + survey.selfAssessmentPoints
  const selfDomains = input.selfDomains ?? {}
  const domainsOf = (score: UnitScore): ResultsDomainCell[] => {
    const parts = survey.criteria.map((d) =>
      (under.get(d.id) ?? []).reduce((s, leaf) => s + (score.criteria[leaf] ?? 0), 0),
    )
    const sum = parts.reduce((a, b) => a + b, 0)
    // Rescaled survey points are shared out in proportion, so that the domains add up to them.
    const factor = sum > 0 ? score.surveyPoints / sum : 0
    return survey.criteria.map((d, i) => {
      const surveyPart = roundHalfUp(parts[i]! * factor)
      const self = selfDomains[score.unitId]?.[d.id] ?? null
      return { self, survey: surveyPart, total: self === null ? null : roundHalfUp(self + surveyPart) }
    })
  }
  const rows = scores.units.map((score): ResultsRow => {
    const before = previous.get(score.unitId) ?? null
    return {
      unitId: score.unitId,
      name: names.get(score.unitId) ?? score.unitId,
      rank: score.rank,
      responses: score.responses,
      domains: domainsOf(score),
      selfAssessment: score.selfAssessment,
      surveyPoints: score.surveyPointsRounded,
      adjustments: score.adjustments,
      adjustmentItems: items.get(score.unitId) ?? [],
      total: score.total,
      percent: score.total === null ? null : roundHalfUp((score.total / maxTotal) * 100),
      classification: score.classification,
      classificationLabel: score.classification === null ? null : (bands.get(score.classification) ?? null),
      previousTotal: before,
      change: before === null || score.total === null ? null : roundHalfUp(score.total - before),
      rules: leafRulesUsed(survey, score),
    }
  })
  const classCounts: ClassCount[] = survey.classification.map((band) => ({
    id: band.id,
    label: labelIn(band.label, locale),
    count: rows.filter((r) => r.classification === band.id).length,
  }))
  return {
    surveyId: survey.id,
    surveyVersion: survey.version,
    title: labelIn(survey.title, locale),
    year: survey.year,
    locale,
    missing: survey.missing,
    surveyPointsMax: survey.surveyPoints,
    selfAssessmentPointsMax: survey.selfAssessmentPoints,
    domains: survey.criteria.map((d) => ({
      id: d.id,
      label: labelIn(d.label, locale),
      surveyMax: (under.get(d.id) ?? []).reduce((s, id) => s + (findCriterion(survey.criteria, id)?.maxPoints ?? 0), 0),
    })),
    hasSelfDomains: Object.keys(selfDomains).length > 0,
    hasPrevious: input.previous != null,
    rankedByTotal: scores.units.some((u) => u.total !== null),
    rows,
    classCounts,
    classified: rows.filter((r) => r.classification !== null).length,
    weakest: weakestCriteria(survey, scores, locale),
    groupGaps: groupGaps(survey, state, locale),
    quality: dataQuality(survey, state, rows, locale),
  }
}
