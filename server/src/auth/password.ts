import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto'

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  )

// scrypt cost: N=2^15, r=8 (~32 MiB, ~100 ms here) — the OWASP minimum is N=2^17 with r=8 and p=1
// or an equivalent; we trade a little for tablets logging in over slow links. Stored with the
// hash so it can be raised later without breaking old accounts.
const PARAMS = { N: 2 ** 15, r: 8, p: 1 }
const KEYLEN = 32

/** `scrypt$N$r$p$salt$hash` (base64), self-describing so parameters can change later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(password, salt, KEYLEN, { ...PARAMS, maxmem: 128 * PARAMS.N * PARAMS.r * 2 })
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, saltB64, keyB64] = stored.split('$')
  if (kind !== 'scrypt' || !saltB64 || !keyB64) return false
  const N = Number(n)
  const R = Number(r)
  const expected = Buffer.from(keyB64, 'base64')
  const key = await scrypt(password, Buffer.from(saltB64, 'base64'), expected.length, {
    N,
    r: R,
    p: Number(p),
    maxmem: 128 * N * R * 2,
  })
  return key.length === expected.length && timingSafeEqual(key, expected)
}

let dummy: Promise<string> | undefined

/**
 * A real hash, with today's parameters, of a random password nobody knows, made once per process.
 * Log-in verifies against it when the username does not exist, so an unknown name costs the same
 * scrypt work as a known one and timing does not tell which usernames exist.
 */
export function dummyPasswordHash(): Promise<string> {
  if (!dummy) {
    dummy = hashPassword(randomBytes(32).toString('base64'))
    dummy.catch(() => (dummy = undefined)) // try again next time rather than fail every log-in
  }
  return dummy
}

/** A password people can read aloud and type on a tablet: 4 groups of 4 unambiguous characters. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  const bytes = randomBytes(16)
  let out = ''
  for (let i = 0; i < 16; i++) {
    out += alphabet[bytes[i]! % alphabet.length]
    if (i % 4 === 3 && i < 15) out += '-'
  }
  return out
}
