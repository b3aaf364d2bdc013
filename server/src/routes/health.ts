import { Hono } from 'hono'
import type { AppEnv } from '../http/context.ts'

/**
 * `GET /api/health` → `{ status: "ok", version }` while this process can serve (on SQLite, its
 * database connection answers); whether the database takes writes is `/api/ready`'s.
 */
export const healthRoutes = (version: string) =>
  new Hono<AppEnv>().get('/', async (c) => {
    await c.get('services').operations.checkAlive()
    return c.json({ status: 'ok', version })
  })
