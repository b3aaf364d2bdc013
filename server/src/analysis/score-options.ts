import type { ScoreOptions } from '@parsurvey/shared'
import type { Services } from '../services.ts'

/** What the official scores of a survey version take besides the answers: the current self-assessment and adjustments. */
export function currentScoreOptions(
  services: Pick<Services, 'selfAssessments' | 'adjustments'>,
  key: { surveyId: string; surveyVersion: number },
): ScoreOptions {
  const selfAssessment = services.selfAssessments.current(key)?.values
  const adjustments = services.adjustments.current(key)?.adjustments
  return { ...(selfAssessment ? { selfAssessment } : {}), ...(adjustments ? { adjustments } : {}) }
}
