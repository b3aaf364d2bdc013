import type { Context } from 'hono'
import type { AppEnv } from './context.ts'
import { fail } from './errors.ts'

/** Deepest JSON nesting accepted; responses and surveys need far less. */
const MAX_DEPTH = 32

function depthOf(value: unknown, depth = 0): number {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return depth
  let max = depth
  for (const child of Object.values(value as Record<string, unknown>)) {
    max = Math.max(max, depthOf(child, depth + 1))
    if (max > MAX_DEPTH) break
  }
  return max
}

/** Parses the JSON request body, refusing malformed and absurdly deep documents with a 400. */
export async function readJson(c: Context<AppEnv>): Promise<unknown> {
  const text = await c.req.text()
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    fail('invalid-json')
  }
  if (depthOf(value) > MAX_DEPTH) fail('json-too-deep', { params: { max: MAX_DEPTH } })
  return value
}

/** The value at `key` of a JSON object body, or a 400 naming the field. */
export function requireObject(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail('invalid-json')
  return value as Record<string, unknown>
}
