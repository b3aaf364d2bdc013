import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'

/**
 * JSON with object keys sorted at every level, so that equal content gives equal text whatever
 * order a device serialised it in. `undefined` members are dropped, as JSON.stringify does.
 * @example canonicalJson({ b: 1, a: [2, { d: 1, c: 0 }] }) === '{"a":[2,{"c":0,"d":1}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  // Plain loops and string concatenation: every stored response is serialised this way, and the
  // entries/filter/map/join version allocated several arrays per object.
  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i]
      out += (i === 0 ? '' : ',') + canonicalJson(item === undefined ? null : item)
    }
    return out + ']'
  }
  const record = value as Record<string, unknown>
  // The default sort compares UTF-16 code units, as `<` does.
  const keys = Object.keys(record).sort()
  let out = '{'
  for (const key of keys) {
    const item = record[key]
    if (item === undefined) continue
    out += (out.length === 1 ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(item)
  }
  return out + '}'
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
