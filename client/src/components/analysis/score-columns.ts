import { leafRulesUsed, type Survey } from '@parsurvey/shared'
import type { UnitScore } from '../../api/endpoints.ts'
import type { SortDirection } from './sort.ts'

export type ScoreColumn =
  | 'rank'
  | 'unit'
  | 'surveyPoints'
  | 'selfAssessment'
  | 'adjustments'
  | 'total'
  | 'classification'
  | 'responses'
  | 'flags'

/** The direction a column sorts in first: best first for points, first first for rank and name. */
export const NATURAL: Record<ScoreColumn, SortDirection> = {
  rank: 'asc',
  unit: 'asc',
  surveyPoints: 'desc',
  selfAssessment: 'desc',
  adjustments: 'desc',
  total: 'desc',
  classification: 'desc',
  responses: 'desc',
  flags: 'desc',
}

/** The leaf ids a unit was scored 0 on for lack of data (`insufficient-data:<leafId>` flags). */
export function insufficientLeaves(score: UnitScore): string[] {
  return score.flags.filter((f) => f.startsWith('insufficient-data:')).map((f) => f.slice('insufficient-data:'.length))
}

/** What the rules did with a unit's leaves that had no answers or do not apply, one note per rule used. */
export function leafRuleNotes(survey: Survey, score: UnitScore) {
  const used = leafRulesUsed(survey, score)
  return (['zero', 'province-mean', 'left-out', 'not-applicable'] as const)
    .map((status) => ({ status, leaves: used[status] }))
    .filter((note) => note.leaves.length > 0)
}

/** The sort value of a score row in a column (classification sorts by its band's lower bound). */
export function scoreValue(
  score: UnitScore,
  column: ScoreColumn,
  names: { unit: (id: string) => string; bandMin: (id: string | null) => number | null },
): unknown {
  switch (column) {
    case 'rank':
      return score.rank
    case 'unit':
      return names.unit(score.unitId)
    case 'surveyPoints':
      return score.surveyPointsRounded
    case 'selfAssessment':
      return score.selfAssessment
    case 'adjustments':
      return score.adjustments
    case 'total':
      return score.total
    case 'classification':
      return names.bandMin(score.classification)
    case 'responses':
      return score.responses
    case 'flags':
      return insufficientLeaves(score).length
    default: {
      const never: never = column
      return never
    }
  }
}
