/** Straight-lining: the same option position on at least `share` of at least `minAnswered` answers. */
export const STRAIGHT_LINING = { minAnswered: 8, share: 0.9 } as const

export type StraightLine = { position: number; same: number; answered: number }

/** The most repeated position (0-based) when the response straight-lines, else null. */
export function straightLine(positions: readonly number[]): StraightLine | null {
  if (positions.length < STRAIGHT_LINING.minAnswered) return null
  const counts = new Map<number, number>()
  for (const p of positions) counts.set(p, (counts.get(p) ?? 0) + 1)
  let best: StraightLine | null = null
  for (const [position, same] of counts) {
    if (!best || same > best.same || (same === best.same && position < best.position))
      best = { position, same, answered: positions.length }
  }
  return best && best.same / best.answered >= STRAIGHT_LINING.share ? best : null
}
