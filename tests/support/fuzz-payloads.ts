import fc from 'fast-check'

/**
 * Generators of hostile request payloads for the fuzz tests and the soak. Bodies are built as
 * text by our own serialiser, so keys such as `__proto__` reach the server as real JSON keys
 * (JSON.stringify of a JS object could never produce them) and invalid UTF-8 goes as raw bytes.
 */

/** A JSON document as a tree we serialise ourselves (objects as entry lists: any key, repeats allowed). */
export type Json = null | boolean | number | string | Json[] | { entries: [string, Json][] }

export function jsonText(value: Json): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : '1e999'
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`
  return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(',')}}`
}

/** Plain data as a Json tree (for starting from a valid document and mutating it). */
export function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null
  if (Array.isArray(value)) return value.map(toJson)
  if (typeof value === 'object') return { entries: Object.entries(value).map(([k, v]) => [k, toJson(v)]) }
  return value as Json
}

export const DANGEROUS_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '']

/** Strings that have broken parsers and queries elsewhere. */
const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    ...DANGEROUS_KEYS,
    ' ',
    '\u0000',
    '\uFEFF',
    '\uD800',
    '../../etc/passwd',
    "'; DROP TABLE responses; --",
    '" OR 1=1 --',
    '=HYPERLINK("http://x","y")',
    '<script>alert(1)</script>',
    '{{7*7}}',
    '%00',
    'NaN',
    '1e309',
    '9007199254740993',
    'Tiếng Việt có dấu',
  ),
  // A huge string (well within the body limit; the 5 MB limit has its own test).
  fc.integer({ min: 5_000, max: 200_000 }).map((n) => 'ế'.repeat(n)),
)

const nastyNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1.5, 2, 2 ** 31, 2 ** 53 + 2, -0, Number.MAX_VALUE, Number.MIN_VALUE, Infinity),
)

const key = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(...DANGEROUS_KEYS) },
)

/** Any JSON value, with dangerous keys and nasty strings, a few levels deep. */
export const anyJson: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    nastyNumber,
    nastyString,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.array(fc.tuple(key, tie('value')), { maxLength: 6 }).map((entries) => ({ entries })),
  ),
})).value

/** A document nested far deeper than any real request (arrays or objects). */
export const deepJsonText = fc
  .tuple(fc.integer({ min: 33, max: 50_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  )

/** Edits a valid document: a field replaced, removed, added, or given a dangerous sibling. */
export function mutated(base: Record<string, unknown>): fc.Arbitrary<Json> {
  const fields = Object.keys(base)
  const edit = fc.oneof(
    fc.tuple(fc.constant('set' as const), fc.constantFrom(...fields), anyJson),
    fc.tuple(fc.constant('delete' as const), fc.constantFrom(...fields), fc.constant(null)),
    fc.tuple(fc.constant('add' as const), key, anyJson),
  )
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
    const entries: [string, Json][] = Object.entries(base).map(([k, v]) => [k, toJson(v)])
    for (const [kind, field, value] of edits) {
      const at = entries.findIndex(([k]) => k === field)
      if (kind === 'delete' && at >= 0) entries.splice(at, 1)
      else if (kind === 'set' && at >= 0) entries[at] = [field, value]
      else entries.push([field, value])
    }
    return { entries }
  })
}

/** A request body: JSON text of `doc`, garbage text, random bytes (often invalid UTF-8), or deep nesting. */
export function body(doc: fc.Arbitrary<Json>): fc.Arbitrary<string | Uint8Array> {
  return fc.oneof(
    { weight: 6, arbitrary: doc.map(jsonText) },
    { weight: 1, arbitrary: anyJson.map(jsonText) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
    { weight: 1, arbitrary: deepJsonText },
  )
}

export const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/json; charset=latin1',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      '',
    ),
  },
)

/** A path segment or query value: anything, percent-encoded as a browser would. */
export const segment = fc
  .oneof(
    nastyString.map((s) => s.slice(0, 300)),
    fc.string({ maxLength: 20 }),
  )
  .map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '?')))
