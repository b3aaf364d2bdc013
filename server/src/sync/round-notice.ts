import { endOfDayInVietnam, formatDate, formatMessage, type Locale, type SyncResult } from '@parsurvey/shared'
import type { Services } from '../services.ts'
import { roundInForce } from '../survey/round.ts'

/**
 * Adds a notice to the receipts of responses stored (or stored earlier, for a duplicate) after
 * their survey's round had closed: the response is kept and counts, and the surveyor learns at
 * once that a supervisor will see it flagged (quality: outside-round), rather than never.
 */
export async function withRoundNotices(
  services: Pick<Services, 'rounds' | 'surveys'>,
  items: unknown[],
  results: SyncResult[],
  locale: Locale,
): Promise<SyncResult[]> {
  const closes = new Map<string, string | null>()
  // Stored or duplicate: the item passed validation, so it names a published version.
  const keys = results.map((result, i) => {
    if (result.status !== 'stored' && result.status !== 'duplicate') return null
    const { surveyId, surveyVersion } = items[i] as { surveyId: string; surveyVersion: number }
    return { surveyId, surveyVersion, key: `${surveyId}@${surveyVersion}` }
  })
  // Each version's round once, read before the receipts are built.
  for (const version of keys) {
    if (!version || closes.has(version.key)) continue
    const survey = (await services.surveys.get(version.surveyId, version.surveyVersion))?.survey
    const round = survey ? await roundInForce(services, survey) : null
    closes.set(version.key, round?.closes ?? null)
  }
  return results.map((result, i) => {
    const closing = keys[i] && closes.get(keys[i].key)
    if (!closing || endOfDayInVietnam(closing) >= Date.parse(result.receivedAt)) return result
    const message = formatMessage('sync-round-closed', { closes: formatDate(closing) }, locale)
    return { ...result, notice: { code: 'sync-round-closed', message } }
  })
}
