import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'

/**
 * JSON with object keys sorted at every level, so that equal content gives equal text whatever
 * order a device serialised it in. `undefined` members are dropped, as JSON.stringify does.
 * @example canonicalJson({ b: 1, a: [2, { d: 1, c: 0 }] }) === '{"a":[2,{"c":0,"d":1}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

/** The content hash of a response, as in its receipt: sha-256 hex of its canonical JSON. */
export function contentHash(value: unknown): string {
  return hashCanonical(canonicalJson(value))
}

/**
 * sha-256 hex of text that is already canonical JSON: `hashCanonical(canonicalJson(v)) === contentHash(v)`.
 * For callers that keep the canonical text anyway, so that it is serialised once, not twice.
 */
export function hashCanonical(canonicalText: string): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalText)))
}
