import {
  FLAG_KINDS,
  formatDate,
  formatDateTime,
  formatMessage,
  type FlaggedResponse,
  type Locale,
  type QualityFlag,
  type QualityReport,
  type Response,
  type Survey,
} from '@parsurvey/shared'
import { effectiveBody } from '../db/review.ts'
import type { Services } from '../services.ts'
import { roundInForce } from '../survey/round.ts'
import { durationMs, pickedPositions, responseScore } from './answers.ts'
import { FAST_INTERVIEW, fastInterviews, type Timed } from './fast-interviews.ts'
import { timeFlagGroups, type TimeContext, type TimeFlagGroup } from './implausible-times.ts'
import { duplicateSerials } from './paper-serials.ts'
import { STRAIGHT_LINING, straightLine } from './straight-lining.ts'
import { SURVEYOR_OUTLIER, surveyorOutliers, type ScoredResponse } from './surveyor-outliers.ts'

/**
 * Data-quality flags of one survey version, computed on demand from the raw responses (their
 * effective content: the latest accepted correction). A review tool, not the score path: it
 * streams every response of the version once, keeping only small summaries, then reads the
 * flagged responses in full. Thresholds (rules of thumb, shown to reviewers with each flag):
 *
 * - straight-lining: the same option position on ≥ 90% of the scored questions answered, when
 *   at least 8 were answered ("don't know" counts as a position — ticking one column is the habit
 *   we look for, whatever the column);
 * - implausibly fast: submittedAt − startedAt under 1/3 of the median of the survey × group,
 *   the median over the responses that count, and only for groups with ≥ 5 of them;
 * - surveyor far from others: per unit, one surveyor's mean response score (mean option score of
 *   a response's scored answers, "don't know" left out) differs from the other surveyors' by more
 *   than 2 standard errors of the difference (Welch), with ≥ 5 counted responses on each side;
 * - paper serial entered twice: the same `paperSerial` by `paperSerialKey` (shared with the tablet's
 *   warning: case, spaces, dashes and dots ignored) on different response ids of the survey version;
 * - conflict waiting: a resend with different content that no supervisor has resolved yet;
 * - implausible times (`implausible-times.ts`): outside the round, later than the server received
 *   them, before the survey version was published, or submitted before started; one flag per
 *   problem × unit × surveyor. Stored and scored as sent (data is never refused for its clock).
 *
 * Voided responses are listed (marked) so they can be restored, but never feed a median or a mean.
 * A flag is `open` while it still concerns responses that count.
 */
export const QUALITY_THRESHOLDS = {
  straightLining: STRAIGHT_LINING,
  fastInterview: FAST_INTERVIEW,
  surveyorOutlier: SURVEYOR_OUTLIER,
} as const

const CONFLICT_PAGE = 200

/** What the review reads, on either engine (storage/quality-store.ts, review/review-ports.ts). */
type QualityServices = Pick<Services, 'qualityRows' | 'reviewReads' | 'surveys' | 'rounds'>

export async function qualityReport(
  services: QualityServices,
  survey: Survey,
  units: string[] | 'all',
  locale: Locale,
): Promise<QualityReport> {
  const number = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 3 })
  const flags: QualityFlag[] = []
  const voided = new Set<string>()
  const summary = new Map<string, { unitId: string; groupId: string; surveyor: string | null }>()
  const timed: Timed[] = []
  const scored: ScoredResponse[] = []
  const serials: { id: string; serial: string }[] = []
  const flag = (f: Omit<QualityFlag, 'reason'>) =>
    flags.push({ ...f, reason: formatMessage(`quality-${f.kind}`, f.params, locale) })

  const times = timeFlagGroups()
  const timeContext: TimeContext = {
    round: await roundInForce(services, survey),
    publishedAt: (await services.surveys.get(survey.id, survey.version))?.publishedAt ?? new Date(0).toISOString(),
  }

  let responsesRead = 0
  for await (const row of services.qualityRows.rows({ surveyId: survey.id, surveyVersion: survey.version, units })) {
    responsesRead += 1
    const response = JSON.parse(row.body) as Response
    const counts = !row.voided
    if (row.voided) voided.add(row.id)
    summary.set(row.id, { unitId: row.unitId, groupId: row.groupId, surveyor: row.surveyor })

    const line = straightLine(pickedPositions(survey, response))
    if (line) {
      const params = {
        position: line.position + 1,
        same: line.same,
        answered: line.answered,
        share: Math.round((100 * line.same) / line.answered),
      }
      flag({
        kind: 'straight-lining',
        key: `straight-lining:${row.id}`,
        unitId: row.unitId,
        groupId: row.groupId,
        surveyor: row.surveyor,
        responseIds: [row.id],
        params,
        open: counts,
      })
    }
    const ms = durationMs(response)
    if (ms !== null) timed.push({ id: row.id, groupId: row.groupId, durationMs: ms, counts })
    const score = responseScore(survey, response)
    if (counts && score !== null && row.surveyor !== null)
      scored.push({ id: row.id, unitId: row.unitId, surveyor: row.surveyor, score })
    if (response.paperSerial) serials.push({ id: row.id, serial: response.paperSerial })
    times.add({ ...row, counts }, response, timeContext)
  }

  for (const g of times.groups()) {
    const params = timeParams(g, timeContext, survey.version)
    const key = `${g.kind}:${g.unitId}:${g.surveyor ?? ''}`
    flag({
      kind: g.kind,
      key,
      unitId: g.unitId,
      groupId: null,
      surveyor: g.surveyor,
      responseIds: g.ids,
      params,
      open: g.counting > 0,
    })
  }

  for (const group of fastInterviews(timed)) {
    for (const { id, durationMs: ms } of group.fast) {
      const about = summary.get(id)!
      const params = {
        duration: formatDuration(ms),
        median: formatDuration(group.medianMs),
        count: group.count,
        durationMs: ms,
        medianMs: group.medianMs,
      }
      flag({
        kind: 'fast-interview',
        key: `fast-interview:${id}`,
        unitId: about.unitId,
        groupId: group.groupId,
        surveyor: about.surveyor,
        responseIds: [id],
        params,
        open: !voided.has(id),
      })
    }
  }

  for (const o of surveyorOutliers(scored)) {
    const params = {
      surveyor: o.surveyor,
      n: o.n,
      othersN: o.othersN,
      mean: number.format(o.mean),
      othersMean: number.format(o.othersMean),
      difference: number.format(o.difference),
      limit: SURVEYOR_OUTLIER.standardErrors,
      z: Number.isFinite(o.z) ? number.format(o.z) : '∞',
    }
    flag({
      kind: 'surveyor-outlier',
      key: `surveyor-outlier:${o.unitId}:${o.surveyor}`,
      unitId: o.unitId,
      groupId: null,
      surveyor: o.surveyor,
      responseIds: o.ids,
      params,
      open: true,
    })
  }

  for (const { serial, key, ids } of duplicateSerials(serials)) {
    const units = new Set(ids.map((id) => summary.get(id)!.unitId))
    const params = { serial, count: ids.length }
    const open = ids.filter((id) => !voided.has(id)).length > 1
    flag({
      kind: 'duplicate-serial',
      key: `duplicate-serial:${key}`,
      unitId: units.size === 1 ? [...units][0]! : null,
      groupId: null,
      surveyor: null,
      responseIds: ids,
      params,
      open,
    })
  }

  for await (const c of pendingConflicts(services, survey, units)) {
    const params = { responseId: c.responseId, receivedAt: formatDateTime(c.receivedAt) }
    const about = summary.get(c.responseId)
    flag({
      kind: 'pending-conflict',
      key: `pending-conflict:${c.seq}`,
      unitId: c.unitId,
      groupId: about?.groupId ?? null,
      surveyor: c.receivedBy,
      responseIds: [c.responseId],
      params,
      open: true,
      conflict: {
        seq: c.seq,
        receivedAt: c.receivedAt,
        receivedBy: c.receivedBy,
        proposed: JSON.parse(c.body) as Response,
      },
    })
  }

  const counts = Object.fromEntries(
    FLAG_KINDS.map((kind) => {
      const ofKind = flags.filter((f) => f.kind === kind)
      return [kind, { flags: ofKind.length, open: ofKind.filter((f) => f.open).length }]
    }),
  ) as QualityReport['counts']
  return {
    surveyId: survey.id,
    surveyVersion: survey.version,
    responsesRead,
    thresholds: QUALITY_THRESHOLDS,
    counts,
    flags,
    responses: await details(services, flags),
  }
}

/** The conflicts of this survey version waiting for review, within the reader's units. */
async function* pendingConflicts(services: QualityServices, survey: Survey, units: string[] | 'all') {
  let after = 0
  for (;;) {
    const page = await services.reviewReads.pendingConflicts({ units, after, limit: CONFLICT_PAGE })
    for (const c of page) if (c.surveyId === survey.id && c.surveyVersion === survey.version) yield c
    if (page.length < CONFLICT_PAGE) return
    after = page.at(-1)!.seq
  }
}

async function details(services: QualityServices, flags: QualityFlag[]): Promise<Record<string, FlaggedResponse>> {
  const out: Record<string, FlaggedResponse> = {}
  for (const id of new Set(flags.flatMap((f) => f.responseIds))) {
    const r = await services.reviewReads.find(id)
    if (!r) continue
    const body = JSON.parse(effectiveBody(r)) as Response
    out[id] = {
      id,
      unitId: r.unitId,
      groupId: r.groupId,
      locationId: r.locationId,
      channel: r.channel,
      surveyor: r.receivedBy,
      startedAt: body.startedAt,
      submittedAt: body.submittedAt,
      receivedAt: r.receivedAt,
      paperSerial: body.paperSerial ?? null,
      answers: body.answers,
      voided: r.void,
      corrected: r.correction !== null,
    }
  }
  return out
}

/** What a time flag's reason quotes, times in Vietnam time (dd/mm/yyyy HH:mm). */
function timeParams(group: TimeFlagGroup, context: TimeContext, version: number) {
  const at = (ms: number) => (Number.isFinite(ms) ? formatDateTime(ms) : '?')
  return {
    count: group.ids.length,
    first: at(group.first),
    last: at(group.last),
    published: formatDateTime(context.publishedAt),
    opens: context.round ? formatDate(context.round.opens) : '',
    closes: context.round ? formatDate(context.round.closes) : '',
    version,
  }
}

/** "m:ss" (or "h:mm:ss"), readable in both languages; negative when the clock went backwards. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : ''
  const total = Math.round(Math.abs(ms) / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${s}` : `${sign}${m}:${s}`
}
