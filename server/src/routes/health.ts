import { Hono } from 'hono'
import type { AppEnv } from '../http/context.ts'

/** `GET /api/health` → `{ status: "ok", version }`, also checking the database answers. */
export const healthRoutes = (version: string) =>
  new Hono<AppEnv>().get('/', (c) => {
    c.get('services').db.prepare('SELECT 1').get()
    return c.json({ status: 'ok', version })
  })
