import { Hono } from 'hono'
import { Readable } from 'node:stream'
import { currentUser } from '../auth/middleware.ts'
import { backupArchive } from '../backup/archive.ts'
import { backupFileName } from '../backup/backup.ts'
import type { AppEnv } from '../http/context.ts'
import { fail } from '../http/errors.ts'

/**
 * `GET /api/backup` (admin): a zip of a consistent copy of the whole database (online backup API,
 * into a temporary file) and the access-code key beside it (backup/archive.ts), streamed; the
 * temporary copy is removed once sent or abandoned. On PostgreSQL, 409: pg_dump makes the backups.
 */
export const backupRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const user = currentUser(c, ['admin'])
  const services = c.get('services')
  // PostgreSQL's backups are the database server's own (pg_dump; docs/deploy.md, section 9).
  if (services.backend.engine === 'postgres') fail('backup-on-postgres', { status: 409 })
  const { db, sqlite } = services
  const fileName = backupFileName(new Date(), 'zip')
  const { stream, files } = await backupArchive(db)
  sqlite.audit.record({ userId: user.id, action: 'database-backup', target: fileName, after: { files } })
  return c.body(Readable.toWeb(stream) as ReadableStream<Uint8Array>, 200, {
    'Content-Type': 'application/zip',
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Cache-Control': 'no-store',
  })
})
