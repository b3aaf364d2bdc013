import { ApiError } from '../api/http.ts'

/**
 * What a failed call to a sitting's unit means for the respondent:
 * - `retry`: no answer, or the server is busy or failing: kept here and tried again later;
 * - `closed`: the round is over (or the code was withdrawn): nothing more can be saved or sent;
 * - `sent`: the server already holds this unit's response (sent earlier, perhaps on another device);
 * - `refused`: the server will not take these answers as they are (the message says why).
 */
export type SittingFailure =
  | { kind: 'retry'; offline: boolean }
  | { kind: 'closed'; message: string; code: string }
  | { kind: 'sent' }
  | { kind: 'refused'; message: string; field?: string }

export function sittingFailure(error: unknown): SittingFailure {
  if (!(error instanceof ApiError)) return { kind: 'retry', offline: true }
  if (error.code === 'sitting-unit-sent') return { kind: 'sent' }
  if (error.code === 'code-expired' || error.code === 'code-not-found')
    return { kind: 'closed', message: error.message, code: error.code }
  if (error.status === 429 || error.status >= 500) return { kind: 'retry', offline: false }
  return { kind: 'refused', message: error.message, field: error.field }
}

/** Seconds before the n-th retry of pushing kept answers (1, 2, 4… up to a minute). */
export const retryDelayMs = (attempt: number): number => Math.min(60_000, 1000 * 2 ** Math.max(0, attempt))
