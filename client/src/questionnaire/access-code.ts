import { formatAccessCode, normaliseAccessCode } from '@parsurvey/shared'

/**
 * An access code as printed on the slip: 16 letters/digits in groups of four (ABCD-EFGH-JKMN-PQRS).
 * People type it in any case, with spaces or without dashes, O for 0 or I for 1; the browser keeps
 * one draft per code, so it is written the one way the server reads it (shared's rule). What
 * cannot be a code is only tidied (the server will say it does not exist): no draft is made for it.
 */
export function normaliseCode(typed: string): string {
  const code = normaliseAccessCode(typed)
  return code ? formatAccessCode(code) : tidied(typed)
}

/** Letters and digits only, upper case, in groups of four: how earlier releases wrote any code. */
const tidied = (typed: string) =>
  formatAccessCode(
    typed
      .normalize('NFKC')
      .toUpperCase()
      .replace(/[^0-9A-Z]/g, ''),
  )

/**
 * The keys a draft for this typed code may be kept under: the code's own, then the one releases
 * before the shared rule gave it (they kept O and I/L as typed), so such a draft is still found.
 */
export function draftKeys(typed: string): { key: string; legacy: string | null } {
  const key = normaliseCode(typed)
  const legacy = tidied(typed)
  return { key, legacy: legacy === key ? null : legacy }
}

/** Enough characters to be worth asking the server (it limits guessing per address). */
export function looksLikeCode(typed: string): boolean {
  return normaliseCode(typed).replace(/-/g, '').length >= 8
}

export type CodeProblem = 'used' | 'expired' | 'not-found' | 'rate-limited' | 'network' | 'invalid' | 'other'

/** Sorts the server's answer into what the page explains and what the respondent can do. */
export function codeProblem(error: { status?: number | null; code?: string } | null): CodeProblem {
  if (!error || error.status == null) return 'network'
  if (error.code === 'code-used') return 'used'
  if (error.code === 'code-expired') return 'expired'
  if (error.code === 'code-not-found' || error.status === 404) return 'not-found'
  if (error.status === 429) return 'rate-limited'
  if (error.status === 400) return 'invalid'
  return 'other'
}
