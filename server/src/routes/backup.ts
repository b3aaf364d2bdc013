import { Hono } from 'hono'
import { Readable } from 'node:stream'
import { currentUser } from '../auth/middleware.ts'
import { backupArchive } from '../backup/archive.ts'
import { backupFileName } from '../backup/backup.ts'
import type { AppEnv } from '../http/context.ts'

/**
 * `GET /api/backup` (admin): a zip of a consistent copy of the whole database (online backup API,
 * into a temporary file) and the access-code key beside it (backup/archive.ts), streamed; the
 * temporary copy is removed once sent or abandoned.
 */
export const backupRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const user = currentUser(c, ['admin'])
  const { db, sqlite } = c.get('services')
  const fileName = backupFileName(new Date(), 'zip')
  const { stream, files } = await backupArchive(db)
  sqlite.audit.record({ userId: user.id, action: 'database-backup', target: fileName, after: { files } })
  return c.body(Readable.toWeb(stream) as ReadableStream<Uint8Array>, 200, {
    'Content-Type': 'application/zip',
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Cache-Control': 'no-store',
  })
})
