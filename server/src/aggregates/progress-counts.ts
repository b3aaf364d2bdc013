import type { ProgressRow } from './aggregate-delta.ts'
import { progressDayKey } from './progress-day.ts'

/**
 * `progressDayKey` for many submission times: a rebuild computes it a million times, and the
 * Date parse and print it makes was a tenth of the rebuild. Times of the same minute share one
 * computation: a time that reads as `YYYY-MM-DDTHH:MM` + `:SS` (00–59) + up to 3 digits of
 * fraction + an offset lies less than a minute after its minute, which starts on a whole
 * minute in UTC (offsets are whole minutes), so it falls on the same day; and it parses exactly
 * when its minute does. Hour 24 is left out (JavaScript reads 24:00:00 but not 24:00:30), and
 * anything else goes to `progressDayKey` itself. Only a minute that gave a day is remembered.
 */
export class ProgressDayKeys {
  /** offset text → YYYYMMDDHHMM as a number → day. */
  private readonly byOffset = new Map<string, Map<number, string>>()

  key(submittedAt: string): string {
    const minute = minuteOf(submittedAt)
    if (minute < 0) return progressDayKey(submittedAt)
    const offset = submittedAt.slice(offsetAt(submittedAt))
    let days = this.byOffset.get(offset)
    if (!days) this.byOffset.set(offset, (days = new Map()))
    const known = days.get(minute)
    if (known !== undefined) return known
    const day = progressDayKey(submittedAt)
    if (day !== submittedAt) days.set(minute, day)
    return day
  }
}

const ZERO = 48
const digit = (time: string, at: number) => {
  const d = time.charCodeAt(at) - ZERO
  return d >= 0 && d <= 9 ? d : -1e15
}

/**
 * YYYYMMDDHHMM as a number when `time` reads `YYYY-MM-DDTHH:MM:SS[.f{1,3}]…` with HH 00–23 and
 * SS 00–59, else -1. What follows (the offset) is checked by progressDayKey the first time a
 * minute is seen, and is part of the cache key.
 */
function minuteOf(time: string): number {
  if (time.length < 20) return -1
  for (const [at, char] of SEPARATORS) if (time.charCodeAt(at) !== char) return -1
  const hour = digit(time, 11) * 10 + digit(time, 12)
  const second = digit(time, 17) * 10 + digit(time, 18)
  if (hour < 0 || hour > 23 || second < 0 || second > 59) return -1
  if (time.charCodeAt(19) === 46) {
    const fraction = offsetAt(time) - 20
    if (fraction < 1 || fraction > 3) return -1
  }
  let minute = 0
  for (const at of MINUTE_DIGITS) minute = minute * 10 + digit(time, at)
  return minute < 0 ? -1 : minute
}
const MINUTE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15]
/** `-`, `-`, `T`, `:`, `:` of `YYYY-MM-DDTHH:MM:SS`. */
const SEPARATORS: [number, number][] = [
  [4, 45],
  [7, 45],
  [10, 84],
  [13, 58],
  [16, 58],
]

/** Where the offset of a `…:SS[.fff]` time starts: after the seconds and the fraction's digits. */
function offsetAt(time: string): number {
  let at = 19
  if (time.charCodeAt(at) !== 46) return at
  at++
  while (at < time.length && digit(time, at) >= 0) at++
  return at
}

/**
 * Responses per unit × sending account × day, merged like a fold merges them (batch.ts): rows
 * whose times have the same `progressDayKey` add up, and each keeps one of its times, from which
 * the upsert computes the stored day (db/progress-counts.ts).
 */
export class ProgressCounts {
  private readonly days = new ProgressDayKeys()
  /** unit → sending account (0: none) → day key → row. */
  private readonly units = new Map<string, Map<number, Map<string, ProgressRow>>>()

  add(unitId: string, receivedBy: number | null, submittedAt: string, responses = 1): void {
    let accounts = this.units.get(unitId)
    if (!accounts) this.units.set(unitId, (accounts = new Map()))
    let days = accounts.get(receivedBy ?? 0)
    if (!days) accounts.set(receivedBy ?? 0, (days = new Map()))
    const day = this.days.key(submittedAt)
    const row = days.get(day)
    if (row) row.responses += responses
    else days.set(day, { unitId, receivedBy, submittedAt, responses })
  }

  /** Adds rows merged elsewhere (another thread's). */
  addRows(rows: ProgressRow[]): void {
    for (const row of rows) this.add(row.unitId, row.receivedBy, row.submittedAt, row.responses)
  }

  rows(): ProgressRow[] {
    const rows: ProgressRow[] = []
    for (const accounts of this.units.values()) for (const days of accounts.values()) rows.push(...days.values())
    return rows
  }
}
