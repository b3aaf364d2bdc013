import type { Response, ScoringRows, Survey } from '@parsurvey/shared'
import { makeResponse } from '@parsurvey/shared/testing'
import { randomUUID } from 'node:crypto'
import type { User } from '../db/users.ts'
import { prepareResponse, type CheckedBatch } from '../sync/ingest.ts'

const VALUES = ['very-good', 'good', 'fair', 'poor', 'dont-know']

/** `n` citizens' responses to shared's test survey with varied answers, units, communes and days. */
export function responses(n: number, unitId = 'huyen-a', submittedAt?: (i: number) => string): Response[] {
  return Array.from({ length: n }, (_, i) =>
    makeResponse({
      id: randomUUID(),
      unitId,
      locationId: unitId === 'huyen-a' ? (i % 3 === 0 ? 'xa-2' : 'xa-1') : null,
      answers: { q1: VALUES[i % 5]!, q3: VALUES[(i * 7) % 5]!, q4: VALUES[(i * 3 + 1) % 5]!, age: null, comment: null },
      submittedAt: submittedAt?.(i) ?? `2025-10-0${1 + (i % 4)}T${String(10 + (i % 14)).padStart(2, '0')}:05:00+07:00`,
    }),
  )
}

/** A sync batch of `sent`, checked as the sync route checks it. */
export function checkedBatch(survey: Survey, sender: User, sent: Response[]): CheckedBatch {
  return {
    receivedAt: new Date().toISOString(),
    sender,
    locale: 'vi',
    items: sent.map((r) => ({ kind: 'valid' as const, ...prepareResponse(survey, r) })),
  }
}

/** Rows in one order, empty ones left out, integer counts exact and the float sums rounded far above their last bits. */
export function normalRows(rows: ScoringRows) {
  const id = (r: { unitId: string; groupId: string }, ...rest: (string | null)[]) =>
    [r.unitId, r.groupId, ...rest].join('|')
  const sort = <T>(list: T[], by: (r: T) => string) => [...list].sort((a, b) => (by(a) < by(b) ? -1 : 1))
  return {
    cells: sort(rows.cells, (r) => id(r, r.questionId))
      .filter((r) => r.count !== 0 || r.dontKnow !== 0)
      .map((r) => ({ ...r, sum: Number(r.sum.toFixed(9)), sumSq: Number(r.sumSq.toFixed(9)) })),
    options: sort(rows.options, (r) => id(r, r.questionId, r.value)).filter((r) => r.count !== 0),
    tallies: sort(rows.tallies, (r) => id(r, r.locationId)).filter((r) => r.responses !== 0),
  }
}
