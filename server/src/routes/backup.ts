import { Hono } from 'hono'
import fs from 'node:fs'
import { Readable } from 'node:stream'
import { currentUser } from '../auth/middleware.ts'
import { backupFileName, backupToTemp } from '../backup/backup.ts'
import type { AppEnv } from '../http/context.ts'

/**
 * `GET /api/backup` (admin): a consistent copy of the whole database, made with the online backup
 * API into a temporary file, streamed, and the temporary file removed once sent (or abandoned).
 */
export const backupRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const user = currentUser(c, ['admin'])
  const { db, audit } = c.get('services')
  const fileName = backupFileName()
  const { file, remove } = await backupToTemp(db)
  audit.record({ userId: user.id, action: 'database-backup', target: fileName })
  const size = fs.statSync(file).size
  const source = fs.createReadStream(file)
  source.once('close', remove)
  return c.body(Readable.toWeb(source) as ReadableStream<Uint8Array>, 200, {
    'Content-Type': 'application/vnd.sqlite3',
    'Content-Length': String(size),
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Cache-Control': 'no-store',
  })
})
