import { formatDateTime } from '@parsurvey/shared'

/**
 * One changed value of an audit entry: its dotted path, the path in words (`label`), and its text
 * before and after ('' when absent).
 */
export type AuditChange = { path: string; label: string; before: string; after: string }

/** The words for one key of an audit entry (`reason` → "Lý do"); undefined for ids and unknown keys. */
export type AuditFieldLabel = (key: string) => string | undefined

type Json = unknown

const isPlainObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** An ISO moment as the server and devices record them (`2026-12-04T13:05:00.000Z`, `…+07:00`). */
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/

/** Scalars as they are (moments in Vietnam time), lists of scalars comma-joined, anything else as compact JSON. */
export function auditValueText(value: Json): string {
  if (value === undefined) return ''
  if (value === null) return '∅'
  if (typeof value === 'string') return MOMENT.test(value) ? formatDateTime(value) : value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value) && value.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v)))
    return value.map((v) => auditValueText(v)).join(', ')
  return JSON.stringify(value)
}

function flatten(value: Json, keys: string[], out: Map<string, { keys: string[]; value: Json }>): void {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, [...keys, key], out)
  } else if (keys.length > 0 || value !== null) {
    out.set(JSON.stringify(keys), { keys, value })
  }
}

/**
 * What an audited action changed, readable: the before and after states flattened to paths
 * (`values.huyen-a`), keeping only the paths whose value differs. A creation (no before) lists every
 * value it set; a deletion-like entry (no after) every value it had. Each key of a path is said in
 * words by `label` when it has some (ids stay as they are): "Điểm tự đánh giá › huyen-a".
 */
export function auditChanges(before: Json, after: Json, label: AuditFieldLabel = () => undefined): AuditChange[] {
  const left = new Map<string, { keys: string[]; value: Json }>()
  const right = new Map<string, { keys: string[]; value: Json }>()
  flatten(before, [], left)
  flatten(after, [], right)
  const paths = [...new Set([...left.keys(), ...right.keys()])]
  return paths
    .filter((path) => JSON.stringify(left.get(path)?.value) !== JSON.stringify(right.get(path)?.value))
    .map((path) => {
      const keys = (left.get(path) ?? right.get(path))!.keys
      return {
        path: keys.join('.') || '—',
        label: keys.map((key) => label(key) ?? key).join(' › ') || '—',
        before: auditValueText(left.get(path)?.value),
        after: auditValueText(right.get(path)?.value),
      }
    })
}
