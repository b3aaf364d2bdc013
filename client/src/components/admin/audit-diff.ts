/** One changed value of an audit entry: a dotted path and its text before and after ('' when absent). */
export type AuditChange = { path: string; before: string; after: string }

type Json = unknown

const isPlainObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Scalars as they are, lists of scalars comma-joined, anything else as compact JSON. */
export function auditValueText(value: Json): string {
  if (value === undefined) return ''
  if (value === null) return '∅'
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value) && value.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v)))
    return value.join(', ')
  return JSON.stringify(value)
}

function flatten(value: Json, prefix: string, out: Map<string, Json>): void {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, out)
  } else if (prefix !== '' || value !== null) {
    out.set(prefix, value)
  }
}

/**
 * What an audited action changed, readable: the before and after states flattened to dotted paths
 * (`values.huyen-a`), keeping only the paths whose value differs. A creation (no before) lists every
 * value it set; a deletion-like entry (no after) every value it had.
 */
export function auditChanges(before: Json, after: Json): AuditChange[] {
  const left = new Map<string, Json>()
  const right = new Map<string, Json>()
  flatten(before, '', left)
  flatten(after, '', right)
  const paths = [...new Set([...left.keys(), ...right.keys()])]
  return paths
    .filter((path) => JSON.stringify(left.get(path)) !== JSON.stringify(right.get(path)))
    .map((path) => ({
      path: path || '—',
      before: auditValueText(left.get(path)),
      after: auditValueText(right.get(path)),
    }))
}
