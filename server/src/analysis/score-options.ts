import type { ScoreOptions } from '@parsurvey/shared'
import type { Services } from '../services.ts'

/**
 * What the official scores of a survey version take besides the answers: the current
 * self-assessment and adjustments, read by the SQLite repositories (backups describe a SQLite copy).
 */
export function currentScoreOptions(
  services: Pick<Services['sqlite'], 'selfAssessments' | 'adjustments'>,
  key: { surveyId: string; surveyVersion: number },
): ScoreOptions {
  const selfAssessment = services.selfAssessments.current(key)?.values
  const adjustments = services.adjustments.current(key)?.adjustments
  return { ...(selfAssessment ? { selfAssessment } : {}), ...(adjustments ? { adjustments } : {}) }
}
