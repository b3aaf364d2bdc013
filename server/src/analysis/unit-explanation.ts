import {
  explainUnit,
  groupDomainMatrix,
  provinceAverage,
  type ExplainReply,
  type ScoringState,
  type Survey,
  type SurveyScores,
} from '@parsurvey/shared'

/** Everything the Explain view shows for one unit, from the aggregate state and the official scores. */
export function explainUnitReply(
  survey: Survey,
  state: ScoringState,
  scores: SurveyScores,
  unitId: string,
): ExplainReply | undefined {
  const score = scores.units.find((u) => u.unitId === unitId)
  if (!score) return undefined
  return {
    surveyId: survey.id,
    surveyVersion: survey.version,
    score,
    explanation: explainUnit(survey, state, unitId),
    matrix: groupDomainMatrix(survey, state, unitId),
    province: provinceAverage(survey, scores),
  }
}
