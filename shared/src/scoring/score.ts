import type { Survey } from '../survey/schema.ts'
import { adjustmentTotals, type Adjustment } from './adjustments.ts'
import { rankUnits } from './rank.ts'
import { roundHalfUp } from './round.ts'
import { unitResponses, type ScoringState } from './state.ts'
import { scoreUnitLeaves } from './unit-leaves.ts'

/** One unit's official result; the fields and their order are the CLI's JSON contract. */
export type UnitScore = {
  unitId: string
  responses: number
  /** Σ leaf points (rescaled when a leaf does not count), full precision. */
  surveyPoints: number
  surveyPointsRounded: number
  selfAssessment: number | null
  /** Σ bonus and penalty points of the unit (0 when it has none), exact in hundredths. */
  adjustments: number
  /** round(selfAssessment + surveyPoints + adjustments), or null when the self-assessment is unknown. */
  total: number | null
  /** Id of the classification band of `total`; null when total is. */
  classification: string | null
  rank: number | null
  /** leaf id → f × maxPoints, full precision, for each leaf that counts (left-out and exempted leaves are absent). */
  criteria: Record<string, number>
  /** `insufficient-data:<leafId>` for each applicable leaf without usable answers, in tree order. */
  flags: string[]
}

export type SurveyScores = { surveyId: string; surveyVersion: number; units: UnitScore[] }

export type ScoreOptions = {
  selfAssessment?: Map<string, number> | Record<string, number>
  /** Bonus and penalty rows; several rows of one unit add up. */
  adjustments?: Iterable<Pick<Adjustment, 'unitId' | 'points'>>
}

function lookup(table: ScoreOptions['selfAssessment'], unitId: string): number | null {
  if (!table) return null
  if (table instanceof Map) return table.get(unitId) ?? null
  return Object.hasOwn(table, unitId) ? (table[unitId] ?? null) : null
}

/** The first band (bands descend) whose inclusive lower bound the rounded total reaches. */
export function classifyTotal(survey: Survey, total: number): string | null {
  return survey.classification.find((band) => band.min <= total)?.id ?? null
}

/**
 * Scores every unit of the survey (docs/scoring.md, steps 1–8), listed in rank order.
 *
 * Decisions the rules leave open (docs/scoring.md, steps 5 and 8):
 * - total = roundHalfUp(selfAssessment + unrounded survey points + adjustments): one rounding,
 *   after the sum, at publication.
 * - When no unit has a self-assessment, units are ranked on rounded survey points (a provisional
 *   ranking of the survey component); when some have one, units without a total get rank null
 *   and are listed after the ranked ones, by name.
 * - Every unit of the survey is listed, also one without responses (no leaf has answers).
 */
export function scoreSurvey(survey: Survey, state: ScoringState, options: ScoreOptions = {}): SurveyScores {
  const leavesByUnit = scoreUnitLeaves(survey, state)
  const adjustments = adjustmentTotals(options.adjustments ?? [])
  const scores = survey.units.map((unit): UnitScore => {
    const { leaves, surveyPoints } = leavesByUnit.get(unit.id) ?? { leaves: [], surveyPoints: 0 }
    const criteria: Record<string, number> = {}
    const flags: string[] = []
    for (const leaf of leaves) {
      if (leaf.counted) criteria[leaf.criterionId] = leaf.points
      if (leaf.insufficientData) flags.push(`insufficient-data:${leaf.criterionId}`)
    }
    const selfAssessment = lookup(options.selfAssessment, unit.id)
    const adjustment = adjustments.get(unit.id) ?? 0
    const total = selfAssessment === null ? null : roundHalfUp(selfAssessment + surveyPoints + adjustment)
    return {
      unitId: unit.id,
      responses: unitResponses(state, unit.id),
      surveyPoints,
      surveyPointsRounded: roundHalfUp(surveyPoints),
      selfAssessment,
      adjustments: adjustment,
      total,
      classification: total === null ? null : classifyTotal(survey, total),
      rank: null,
      criteria,
      flags,
    }
  })
  const byTotal = scores.some((s) => s.total !== null)
  const names = new Map(survey.units.map((u) => [u.id, u.name.vi]))
  const ranked = rankUnits(
    scores.map((s) => ({
      unitId: s.unitId,
      name: names.get(s.unitId) ?? s.unitId,
      key: byTotal ? s.total : s.surveyPointsRounded,
    })),
  )
  const byId = new Map(scores.map((s) => [s.unitId, s]))
  const units = ranked.flatMap(({ unitId, rank }) => {
    const score = byId.get(unitId)
    return score ? [{ ...score, rank }] : []
  })
  return { surveyId: survey.id, surveyVersion: survey.version, units }
}
