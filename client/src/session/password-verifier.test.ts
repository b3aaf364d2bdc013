import { describe, expect, it } from 'vitest'
import { checkVerifier, makeVerifier, VERIFIER_ITERATIONS } from './password-verifier.ts'

describe('password verifier', () => {
  // Two full-cost derivations: slow on purpose, and slower still on a busy machine.
  it('accepts the password it was made from, at the default cost', { timeout: 30_000 }, async () => {
    const verifier = await makeVerifier('một mật khẩu dài')
    expect(verifier).toMatchObject({ kdf: 'PBKDF2-SHA-256', iterations: VERIFIER_ITERATIONS })
    expect(VERIFIER_ITERATIONS).toBeGreaterThanOrEqual(600_000)
    expect(await checkVerifier('một mật khẩu dài', verifier)).toBe(true)
  })

  it('refuses any other password, even one differing only by case or a space', async () => {
    const verifier = await makeVerifier('một mật khẩu dài', 1000)
    expect(await checkVerifier('một mật khẩu dài', verifier)).toBe(true)
    expect(await checkVerifier('một mật khẩu dài ', verifier)).toBe(false)
    expect(await checkVerifier('Một mật khẩu dài', verifier)).toBe(false)
    expect(await checkVerifier('', verifier)).toBe(false)
  })

  it('never holds the password, and salts each verifier anew', async () => {
    const [a, b] = await Promise.all([makeVerifier('secret-pass', 1000), makeVerifier('secret-pass', 1000)])
    expect(JSON.stringify(a)).not.toContain('secret-pass')
    expect(a.salt).not.toBe(b.salt)
    expect(a.hash).not.toBe(b.hash)
    expect(atob(a.salt)).toHaveLength(16)
    expect(atob(a.hash)).toHaveLength(32)
  })

  it('checks with the parameters the verifier records, so a later release may raise the cost', async () => {
    const cheap = await makeVerifier('pw', 1000)
    expect(await checkVerifier('pw', cheap)).toBe(true)
    expect(await checkVerifier('pw', { ...cheap, iterations: 1001 })).toBe(false)
  })

  it('refuses a damaged verifier instead of failing', async () => {
    const good = await makeVerifier('pw', 1000)
    expect(await checkVerifier('pw', { ...good, hash: '%%%' })).toBe(false)
    expect(await checkVerifier('pw', { ...good, iterations: 0 })).toBe(false)
    expect(await checkVerifier('pw', { ...good, hash: good.hash.slice(0, 8) })).toBe(false)
    expect(await checkVerifier('pw', { ...good, kdf: 'MD5' as 'PBKDF2-SHA-256' })).toBe(false)
  })
})
