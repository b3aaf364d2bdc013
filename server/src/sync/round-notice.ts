import { endOfDayInVietnam, formatDate, formatMessage, type Locale, type SyncResult } from '@parsurvey/shared'
import type { Services } from '../services.ts'
import { effectiveRound } from '../survey/round.ts'

/**
 * Adds a notice to the receipts of responses stored (or stored earlier, for a duplicate) after
 * their survey's round had closed: the response is kept and counts, and the surveyor learns at
 * once that a supervisor will see it flagged (quality: outside-round), rather than never.
 */
export function withRoundNotices(
  services: Pick<Services, 'rounds' | 'surveys'>,
  items: unknown[],
  results: SyncResult[],
  locale: Locale,
): SyncResult[] {
  const closes = new Map<string, string | null>()
  return results.map((result, i) => {
    if (result.status !== 'stored' && result.status !== 'duplicate') return result
    const { surveyId, surveyVersion } = items[i] as { surveyId: string; surveyVersion: number }
    const key = `${surveyId}@${surveyVersion}`
    if (!closes.has(key)) {
      const survey = services.surveys.get(surveyId, surveyVersion)?.survey
      const round = survey ? effectiveRound(services, survey) : null
      closes.set(key, round?.closes ?? null)
    }
    const closing = closes.get(key)
    if (!closing || endOfDayInVietnam(closing) >= Date.parse(result.receivedAt)) return result
    const message = formatMessage('sync-round-closed', { closes: formatDate(closing) }, locale)
    return { ...result, notice: { code: 'sync-round-closed', message } }
  })
}
