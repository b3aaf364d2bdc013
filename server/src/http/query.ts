import type { Context } from 'hono'
import type { AppEnv } from './context.ts'
import { fail } from './errors.ts'

/** The query parameter `name` as a positive integer, `undefined` when absent, or a 400 naming it. */
export function positiveIntegerQuery(c: Context<AppEnv>, name: string): number | undefined {
  const raw = c.req.query(name)
  if (raw === undefined || raw === '') return undefined
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1) fail('invalid-positive-integer', { field: name })
  return value
}
