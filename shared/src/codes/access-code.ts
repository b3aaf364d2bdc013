/**
 * One-time access codes for online respondents (channel `online`): 16 characters of Crockford
 * base32 (80 random bits), shown in four groups `XXXX-XXXX-XXXX-XXXX`. Pure: the server draws the
 * random bytes, the client normalises what a respondent typed with the same rules.
 */

/** Crockford's alphabet: no I, L, O or U, so a code read aloud or off paper is hard to mistype. */
export const ACCESS_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
/** Characters in a code; 16 × 5 bits = 80 bits of entropy. */
export const ACCESS_CODE_LENGTH = 16
/** Random bytes a code is made from (exactly 80 bits). */
export const ACCESS_CODE_BYTES = 10

/**
 * The code spelled by `bytes` (ACCESS_CODE_BYTES long), normalised (no dashes, upper case).
 * @example accessCodeFromBytes(new Uint8Array(10)) === '0000000000000000'
 */
export function accessCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== ACCESS_CODE_BYTES) throw new RangeError(`an access code needs ${ACCESS_CODE_BYTES} bytes`)
  let bits = 0n
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte)
  let code = ''
  for (let i = ACCESS_CODE_LENGTH - 1; i >= 0; i--) code += ACCESS_CODE_ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)]
  return code
}

/**
 * The canonical form of a typed code, or undefined when it cannot be one: full-width characters
 * read as ASCII (NFKC), case ignored, spaces, dashes (any kind), dots and underscores dropped, and
 * the look-alikes folded as Crockford says (I, L → 1; O → 0). The server looks codes up by it and
 * the respondent's browser keys its draft by it, so one code is one draft.
 * @example normaliseAccessCode(' abcd-efgh-jkmn-pq0o ') === 'ABCDEFGHJKMNPQ00'
 */
export function normaliseAccessCode(input: string): string | undefined {
  // Bounded before any work: the input comes straight from a URL.
  if (input.length > 64) return undefined
  const code = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\p{Pd}._]/gu, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0')
  if (code.length !== ACCESS_CODE_LENGTH) return undefined
  for (const ch of code) if (!ACCESS_CODE_ALPHABET.includes(ch)) return undefined
  return code
}

/** The code as printed and shown: `ABCD-EFGH-JKMN-PQRS`. */
export function formatAccessCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code
}
