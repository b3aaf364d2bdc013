import { canonicalJson } from '../sync/hash.ts'
import type { Response } from './schema.ts'

/** The members a response may have, in canonical (sorted) order. */
const MEMBERS = [
  'answers',
  'channel',
  'deviceId',
  'groupId',
  'id',
  'locationId',
  'paperSerial',
  'startedAt',
  'submittedAt',
  'surveyId',
  'surveyVersion',
  'unitId',
] as const
const KNOWN = new Set<string>(MEMBERS)

const isScalar = (value: unknown): boolean =>
  value === null || (typeof value !== 'object' && typeof value !== 'function')

/**
 * `canonicalJson(response)` for a validated response, without sorting its fixed members or
 * walking it generically: the server serialises every stored response with it. Anything not
 * shaped like a response (an unknown or inherited member, a nested value where a scalar
 * belongs) is handed to `canonicalJson`, so the text is always exactly that function's.
 */
export function canonicalResponseJson(response: Response): string {
  const record = response as unknown as Record<string, unknown>
  for (const key in record) if (!KNOWN.has(key) || !Object.hasOwn(record, key)) return canonicalJson(response)
  let out = '{'
  for (const key of MEMBERS) {
    const value = record[key]
    if (value === undefined) continue
    let text: string | undefined
    if (key === 'answers') text = answersJson(value)
    else if (isScalar(value)) text = JSON.stringify(value) ?? 'null'
    if (text === undefined) return canonicalJson(response)
    out += `${out.length === 1 ? '' : ','}"${key}":${text}`
  }
  return out + '}'
}

/** The canonical text of an answers object of scalars, or undefined for anything else. */
function answersJson(answers: unknown): string | undefined {
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) return undefined
  const record = answers as Record<string, unknown>
  const keys = Object.keys(record).sort()
  let out = '{'
  for (const key of keys) {
    const value = record[key]
    if (value === undefined) continue
    if (!isScalar(value)) return undefined
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`
  }
  return out + '}'
}
