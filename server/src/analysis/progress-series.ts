import type { DayProgress, SurveyorProgress } from '@parsurvey/shared'
import type { DayCount, SurveyorCount } from '../db/progress-counts.ts'

/** Longest run of days filled with zeros; beyond it (a device with a wrong clock) only days with responses are listed. */
const MAX_FILLED_DAYS = 400

/** Responses per sending account over the units the reader may see, most first, ties by name. */
export function surveyorProgress(rows: SurveyorCount[], unitFilter: (unitId: string) => boolean): SurveyorProgress[] {
  const byUser = new Map<number | null, SurveyorProgress>()
  for (const row of rows) {
    if (!unitFilter(row.unitId)) continue
    const entry = byUser.get(row.userId) ?? { userId: row.userId, username: row.username, responses: 0, units: 0 }
    entry.responses += row.responses
    entry.units += 1
    byUser.set(row.userId, entry)
  }
  return [...byUser.values()].sort(
    (a, b) => b.responses - a.responses || (a.username ?? '').localeCompare(b.username ?? ''),
  )
}

/**
 * Responses per day (Asia/Ho_Chi_Minh) over the units the reader may see, with a running total.
 * Days without responses between the first and the last are listed with 0, so a chart's x axis is
 * true to time.
 */
export function dayProgress(rows: DayCount[], unitFilter: (unitId: string) => boolean): DayProgress[] {
  const byDay = new Map<string, number>()
  for (const row of rows) {
    if (unitFilter(row.unitId)) byDay.set(row.day, (byDay.get(row.day) ?? 0) + row.responses)
  }
  const days = [...byDay.keys()].sort()
  const first = days[0]
  const last = days[days.length - 1]
  const span = first && last ? daysBetween(first, last) : null
  const listed = span !== null && span < MAX_FILLED_DAYS ? dayRange(first!, span) : days
  let cumulative = 0
  return listed.map((day) => {
    const responses = byDay.get(day) ?? 0
    cumulative += responses
    return { day, responses, cumulative }
  })
}

function daysBetween(from: string, to: string): number | null {
  const a = Date.parse(`${from}T00:00:00Z`)
  const b = Date.parse(`${to}T00:00:00Z`)
  return Number.isFinite(a) && Number.isFinite(b) ? Math.round((b - a) / 86_400_000) : null
}

function dayRange(first: string, span: number): string[] {
  const start = Date.parse(`${first}T00:00:00Z`)
  return Array.from({ length: span + 1 }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10))
}
