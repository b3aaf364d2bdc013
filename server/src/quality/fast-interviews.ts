import { median } from './stats.ts'

/**
 * Implausibly fast: shorter than `fractionOfMedian` of the median duration of the survey × group,
 * the median taken over the responses that count (not voided); a group needs `minGroupSize` of
 * those before its median means anything.
 */
export const FAST_INTERVIEW = { fractionOfMedian: 1 / 3, minGroupSize: 5 } as const

export type Timed = { id: string; groupId: string; durationMs: number; counts: boolean }
export type FastGroup = { groupId: string; medianMs: number; count: number; fast: { id: string; durationMs: number }[] }

export function fastInterviews(items: readonly Timed[]): FastGroup[] {
  const byGroup = new Map<string, Timed[]>()
  for (const item of items) {
    const list = byGroup.get(item.groupId) ?? []
    list.push(item)
    byGroup.set(item.groupId, list)
  }
  const out: FastGroup[] = []
  for (const [groupId, list] of byGroup) {
    const counted = list.filter((i) => i.counts).map((i) => i.durationMs)
    if (counted.length < FAST_INTERVIEW.minGroupSize) continue
    const medianMs = median(counted)
    const limit = medianMs * FAST_INTERVIEW.fractionOfMedian
    const fast = list.filter((i) => i.durationMs < limit).map(({ id, durationMs }) => ({ id, durationMs }))
    if (fast.length > 0) out.push({ groupId, medianMs, count: counted.length, fast })
  }
  return out
}
