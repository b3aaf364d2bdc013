import type { Locale } from '../errors/messages/index.ts'
import { cellMoments } from '../scoring/cell-stats.ts'
import { notApplicableOf } from '../scoring/leaf-rules.ts'
import type { SurveyScores } from '../scoring/score.ts'
import { findCell, type ScoringState } from '../scoring/state.ts'
import { surveyIndex } from '../scoring/survey-index.ts'
import { meanHalfUp } from '../scoring/round.ts'
import { isSingleChoice } from '../survey/question-kind.ts'
import type { Survey } from '../survey/schema.ts'
import { groupQuota } from './findings.ts'
import { labelIn } from './labels.ts'
import { leavesUnder } from './province.ts'
import type { LeafRuleUse, ResultsPack, ResultsRow } from './types.ts'

/** How many of a unit's weakest criteria its scorecard names. */
const WEAKEST_OF_UNIT = 3

export type ScorecardDomain = {
  id: string
  label: string
  /** The domain's survey points (maximum), as the appendix heads its column. */
  max: number
  /** The unit's survey points in the domain (the appendix's figure). */
  points: number
  /**
   * The same figure averaged over the units with responses, rounded half-up to 2 decimals from the
   * exact mean (meanHalfUp); null when no unit has any.
   */
  province: number | null
}

export type ScorecardCriterion = {
  criterionId: string
  label: string
  domainLabel: string
  points: number
  maxPoints: number
  /** points ÷ maxPoints. */
  fraction: number
  /** The texts of the scored questions under the leaf, in the card's language. */
  questions: string[]
}

export type ScorecardGroup = {
  groupId: string
  label: string
  responses: number
  /** The group's quota for this unit (per location where the survey says so). */
  expected: number
  minCell: number
  /** Scored questions asked of the group whose usable answers stayed below minCell: the group did not count there. */
  belowMinCell: { questionId: string; criterionId: string; n: number }[]
}

/** One unit's page: what a Home Affairs office sends the unit with its results. */
export type Scorecard = {
  row: ResultsRow
  domains: ScorecardDomain[]
  weakest: ScorecardCriterion[]
  groups: ScorecardGroup[]
  rules: LeafRuleUse
}

export type Scorecards = Pick<
  ResultsPack,
  'surveyId' | 'surveyVersion' | 'title' | 'year' | 'locale' | 'surveyPointsMax' | 'selfAssessmentPointsMax'
> & {
  /** Units ranked (the "of N" of a rank). */
  ranked: number
  cards: Scorecard[]
}

/**
 * A one-page scorecard per unit (issue 15 part 4), in the pack's rank order: the unit's figures,
 * its domains against the province average, its weakest criteria (lowest share of the maximum
 * among the leaves that counted from its own answers, with the question texts), the responses
 * per respondent group with the questions where a group stayed below its minCell, and the
 * adjustments with their reasons (in the row). Pure: built from the pack and the scoring state.
 */
export function buildScorecards(
  pack: ResultsPack,
  input: { survey: Survey; scores: SurveyScores; state: ScoringState },
  only?: string,
): Scorecards {
  const { survey, scores, state } = input
  const locale = pack.locale
  const withResponses = pack.rows.filter((r) => r.responses > 0)
  const province = pack.domains.map((_, i) => meanHalfUp(withResponses.map((r) => r.domains[i]!.survey)))
  const byUnit = new Map(scores.units.map((u) => [u.unitId, u]))
  const cards = pack.rows
    .filter((row) => only === undefined || row.unitId === only)
    .map((row): Scorecard => ({
      row,
      domains: pack.domains.map((d, i) => ({
        id: d.id,
        label: d.label,
        max: d.surveyMax,
        points: row.domains[i]!.survey,
        province: province[i]!,
      })),
      weakest: unitWeakest(survey, byUnit.get(row.unitId), locale),
      groups: unitGroups(survey, state, row.unitId, locale),
      rules: row.rules,
    }))
  return {
    surveyId: pack.surveyId,
    surveyVersion: pack.surveyVersion,
    title: pack.title,
    year: pack.year,
    locale,
    surveyPointsMax: pack.surveyPointsMax,
    selfAssessmentPointsMax: pack.selfAssessmentPointsMax,
    ranked: pack.rows.filter((r) => r.rank !== null).length,
    cards,
  }
}

function unitWeakest(
  survey: Survey,
  score: SurveyScores['units'][number] | undefined,
  locale: Locale,
): ScorecardCriterion[] {
  if (!score || score.responses === 0) return []
  const under = leavesUnder(survey)
  const domainOf = new Map<string, string>()
  for (const d of survey.criteria)
    for (const leaf of under.get(d.id) ?? []) domainOf.set(leaf, labelIn(d.label, locale))
  const found: ScorecardCriterion[] = []
  for (const leaf of surveyIndex(survey).leaves) {
    const points = score.criteria[leaf.id]
    const max = leaf.maxPoints ?? 0
    // A leaf filled, zeroed, left out or not applicable says nothing about the unit's answers.
    if (points === undefined || max <= 0 || score.flags.includes(`insufficient-data:${leaf.id}`)) continue
    found.push({
      criterionId: leaf.id,
      label: labelIn(leaf.label, locale),
      domainLabel: domainOf.get(leaf.id) ?? '',
      points,
      maxPoints: max,
      fraction: points / max,
      questions: survey.questions
        .filter((q) => q.criterion === leaf.id && isSingleChoice(q))
        .map((q) => labelIn(q.text, locale)),
    })
  }
  return found
    .sort((a, b) => a.fraction - b.fraction || a.criterionId.localeCompare(b.criterionId))
    .slice(0, WEAKEST_OF_UNIT)
}

function unitGroups(survey: Survey, state: ScoringState, unitId: string, locale: Locale): ScorecardGroup[] {
  const unit = survey.units.find((u) => u.id === unitId)
  const exempt = notApplicableOf(unit)
  return survey.groups.map((g) => {
    const received = state.units.get(unitId)?.get(g.id)?.responses.values() ?? []
    let responses = 0
    for (const n of received) responses += n
    const belowMinCell = survey.questions
      .filter((q) => q.criterion && !exempt.has(q.criterion) && isSingleChoice(q) && q.groups.includes(g.id))
      .map((q) => ({
        questionId: q.id,
        criterionId: q.criterion!,
        n: cellMoments(findCell(state, unitId, g.id, q.id), q, survey.dontKnow).n,
      }))
      .filter((cell) => cell.n < g.minCell)
    return {
      groupId: g.id,
      label: labelIn(g.label, locale),
      responses,
      expected: groupQuota(g, unit),
      minCell: g.minCell,
      belowMinCell,
    }
  })
}
