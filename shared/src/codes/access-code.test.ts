import { describe, expect, it } from 'vitest'
import { ACCESS_CODE_ALPHABET, accessCodeFromBytes, formatAccessCode, normaliseAccessCode } from './access-code.ts'

describe('access codes', () => {
  it('spells 10 bytes as 16 Crockford characters, 5 bits each, most significant first', () => {
    expect(accessCodeFromBytes(new Uint8Array(10))).toBe('0000000000000000')
    expect(accessCodeFromBytes(new Uint8Array(10).fill(255))).toBe('ZZZZZZZZZZZZZZZZ')
    const last = new Uint8Array(10)
    last[9] = 31
    expect(accessCodeFromBytes(last)).toBe('000000000000000Z')
  })

  it('refuses a byte count that would not give exactly 80 bits', () => {
    expect(() => accessCodeFromBytes(new Uint8Array(8))).toThrow(RangeError)
  })

  it('never uses the ambiguous letters I, L, O or U', () => {
    expect(ACCESS_CODE_ALPHABET).toHaveLength(32)
    expect(ACCESS_CODE_ALPHABET).not.toMatch(/[ILOU]/)
  })

  it('reads a typed code whatever its case, dashes and spaces, folding I/L to 1 and O to 0', () => {
    expect(normaliseAccessCode('abcd-efgh-jkmn-pqrs')).toBe('ABCDEFGHJKMNPQRS')
    expect(normaliseAccessCode(' ABCD EFGH  JKMN PQRS ')).toBe('ABCDEFGHJKMNPQRS')
    expect(normaliseAccessCode('iIlL-oOo0-1111-0000')).toBe('1111000011110000')
    // Full-width characters (an East Asian keyboard) and a phone's "smart" dashes.
    expect(normaliseAccessCode('ＡＢＣＤ－ＥＦＧＨ–JKMN—PQRS')).toBe('ABCDEFGHJKMNPQRS')
  })

  it('refuses input of the wrong length or with letters outside the alphabet', () => {
    expect(normaliseAccessCode('ABCD-EFGH-JKMN')).toBeUndefined()
    expect(normaliseAccessCode('ABCD-EFGH-JKMN-PQRU')).toBeUndefined()
    expect(normaliseAccessCode('ABCD-EFGH-JKMN-PQR!')).toBeUndefined()
    expect(normaliseAccessCode('A'.repeat(1000))).toBeUndefined()
  })

  it('prints a code in four groups of four', () => {
    expect(formatAccessCode('ABCDEFGHJKMNPQRS')).toBe('ABCD-EFGH-JKMN-PQRS')
    expect(normaliseAccessCode(formatAccessCode('ABCDEFGHJKMNPQRS'))).toBe('ABCDEFGHJKMNPQRS')
  })
})
