/**
 * An access code as printed on the slip: 16 letters/digits in groups of four (ABCD-EFGH-JKMN-PQRS).
 * People type it in any case, with spaces or without dashes; the server accepts all of those,
 * and the browser keeps one draft per code, so it is written one way here.
 */
export function normaliseCode(typed: string): string {
  const chars = typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
  return chars.match(/.{1,4}/g)?.join('-') ?? ''
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
