import { Hono } from 'hono'
import { fail } from '../http/errors.ts'
import type { AppEnv } from '../http/context.ts'

/**
 * `GET /api/ready` → 200 `{ status: "ready" }` when the database answers and takes writes
 * (storage/operations-store.ts: SQLite's write lock, PostgreSQL's writable transaction);
 * 503 with the reason as an error code otherwise. `/api/health` stays the liveness check: a busy
 * database is a reason to send traffic elsewhere, not to restart the process.
 */
export const readyRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const reason = await c.get('services').operations.writeProbe()
  if (reason) {
    c.header('Retry-After', '5')
    fail(reason, { status: 503 })
  }
  c.header('Cache-Control', 'no-store')
  return c.json({ status: 'ready' })
})
