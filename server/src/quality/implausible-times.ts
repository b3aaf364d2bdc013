import { endOfDayInVietnam, type SurveyRound } from '@parsurvey/shared'

/** What can be wrong with a response's own times; each is a data-quality flag kind of its own. */
export type TimeProblem = 'outside-round' | 'future-time' | 'before-publication' | 'submitted-before-started'

/**
 * How far a device clock may run from the server's before a time counts as impossible: a tablet
 * set a few minutes fast must not flag every response it sends.
 */
export const CLOCK_TOLERANCE_MS = 10 * 60_000

export type TimeContext = {
  /** The round in force for the survey (null: none, nothing is outside it). */
  round: SurveyRound | null
  /** When this survey version was published on the server (ISO). */
  publishedAt: string
}

/**
 * The problems of a response's `startedAt` and `submittedAt`, given when the server received it:
 * - outside-round: started before the round's first day or submitted after its last (Vietnam dates);
 * - future-time: a time later than the server's receipt (more than the clock tolerance);
 * - before-publication: a time earlier than the publication of the survey version (same tolerance);
 * - submitted-before-started: the two times in the wrong order.
 * Such responses are stored and scored as sent; the flags only show them to a reviewer.
 * @example a response submitted at 2030-01-01 and received at 2026-11-02 → ['outside-round', 'future-time']
 */
export function timeProblems(
  times: { startedAt: string; submittedAt: string },
  receivedAt: string,
  context: TimeContext,
): TimeProblem[] {
  const started = Date.parse(times.startedAt)
  const submitted = Date.parse(times.submittedAt)
  const earliest = Math.min(started, submitted)
  const latest = Math.max(started, submitted)
  const problems: TimeProblem[] = []
  const round = context.round
  if (round && (earliest < Date.parse(`${round.opens}T00:00:00+07:00`) || latest > endOfDayInVietnam(round.closes)))
    problems.push('outside-round')
  if (latest > Date.parse(receivedAt) + CLOCK_TOLERANCE_MS) problems.push('future-time')
  if (earliest < Date.parse(context.publishedAt) - CLOCK_TOLERANCE_MS) problems.push('before-publication')
  if (submitted < started) problems.push('submitted-before-started')
  return problems
}

/** One time flag: the responses of one unit and surveyor with the same problem. */
export type TimeFlagGroup = {
  kind: TimeProblem
  unitId: string
  surveyor: string | null
  ids: string[]
  counting: number
  /** The earliest and latest of their started and submitted times (ms since the epoch). */
  first: number
  last: number
}

/**
 * Gathers time problems per kind × unit × surveyor: a tablet whose clock is wrong, or a data set
 * keyed in before its survey was published, makes one flag with its responses, not thousands.
 */
export function timeFlagGroups() {
  const groups = new Map<string, TimeFlagGroup>()
  return {
    add(
      row: { id: string; unitId: string; surveyor: string | null; receivedAt: string; counts: boolean },
      times: { startedAt: string; submittedAt: string },
      context: TimeContext,
    ): void {
      for (const kind of timeProblems(times, row.receivedAt, context)) {
        const key = `${kind}:${row.unitId}:${row.surveyor ?? ''}`
        const group = groups.get(key) ?? {
          kind,
          unitId: row.unitId,
          surveyor: row.surveyor,
          ids: [],
          counting: 0,
          first: Infinity,
          last: -Infinity,
        }
        group.ids.push(row.id)
        if (row.counts) group.counting += 1
        for (const t of [Date.parse(times.startedAt), Date.parse(times.submittedAt)]) {
          group.first = Math.min(group.first, t)
          group.last = Math.max(group.last, t)
        }
        groups.set(key, group)
      }
    },
    groups: (): TimeFlagGroup[] => [...groups.values()],
  }
}
