/**
 * What lets a surveyor log in again on this device without a network: a password verifier, never
 * the password. PBKDF2-SHA-256 (WebCrypto, run off the main thread by the browser) with a random
 * salt per user and OWASP's 2023 iteration count, so a stolen tablet's IndexedDB costs an
 * attacker a full PBKDF2 run per guess. The verifier records its own parameters, so a later
 * release may raise the count without breaking the verifiers already on devices.
 */
export type PasswordVerifier = {
  kdf: 'PBKDF2-SHA-256'
  iterations: number
  /** Base64 of the random salt (16 bytes). */
  salt: string
  /** Base64 of the derived key (32 bytes). */
  hash: string
}

/** OWASP Password Storage Cheat Sheet (2023) for PBKDF2-HMAC-SHA-256. */
export const VERIFIER_ITERATIONS = 600_000
const SALT_BYTES = 16
const HASH_BITS = 256

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0))

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    HASH_BITS,
  )
  return new Uint8Array(bits)
}

/** A new verifier for `password`, with a fresh random salt. */
export async function makeVerifier(
  password: string,
  iterations: number = VERIFIER_ITERATIONS,
): Promise<PasswordVerifier> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES))
  const hash = await derive(password, salt, iterations)
  return { kdf: 'PBKDF2-SHA-256', iterations, salt: toBase64(salt), hash: toBase64(hash) }
}

/** Whether `password` is the one the verifier was made from. False for a damaged verifier. */
export async function checkVerifier(password: string, verifier: PasswordVerifier): Promise<boolean> {
  if (verifier.kdf !== 'PBKDF2-SHA-256' || !Number.isInteger(verifier.iterations) || verifier.iterations < 1)
    return false
  let salt: Uint8Array
  let expected: Uint8Array
  try {
    salt = fromBase64(verifier.salt)
    expected = fromBase64(verifier.hash)
  } catch {
    return false
  }
  const actual = await derive(password, salt, verifier.iterations)
  if (actual.length !== expected.length) return false
  // Every byte compared whatever the first difference: no early exit to time.
  let difference = 0
  for (let i = 0; i < actual.length; i++) difference |= actual[i]! ^ expected[i]!
  return difference === 0
}
