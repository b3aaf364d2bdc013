import { DomainError, type ReceiptsReply, type SyncReply } from '@parsurvey/shared'
import { Hono } from 'hono'
import { currentUser } from '../auth/middleware.ts'
import { readJson, requireObject } from '../http/body.ts'
import type { AppEnv } from '../http/context.ts'
import { checkBatch } from '../sync/ingest.ts'
import { currentReceipts, parseReceiptIds } from '../sync/receipts.ts'
import { withRoundNotices } from '../sync/round-notice.ts'

/** Most responses accepted in one `POST /api/sync`; devices send batches of 50. */
export const MAX_BATCH = 500

/**
 * `POST /api/sync` `{ responses: [...] }` → `{ results: [receipt…] }` in request order;
 * `GET /api/sync/receipts?ids=…` → the caller's own responses' receipts as they stand now.
 */
export const syncRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    const user = currentUser(c, ['surveyor', 'supervisor', 'admin'])
    const body = requireObject(await readJson(c))
    const items = body.responses
    if (!Array.isArray(items)) throw new DomainError('sync-responses-not-array', { field: 'responses' })
    if (items.length > MAX_BATCH) {
      throw new DomainError('sync-batch-too-large', { status: 413, field: 'responses', params: { max: MAX_BATCH } })
    }
    const services = c.get('services')
    // Checked now; stored with the other batches that arrive meanwhile, in one commit (sync/commit-queue.ts).
    const results = await services.syncCommits.store(await checkBatch(services, user, items, c.get('locale')))
    const reply: SyncReply = { results: await withRoundNotices(services, items, results, c.get('locale')) }
    c.get('metrics').synced(reply.results)
    return c.json(reply)
  })
  .get('/receipts', async (c) => {
    const user = currentUser(c, ['surveyor', 'supervisor', 'admin'])
    const ids = parseReceiptIds(c.req.query('ids'))
    const reply: ReceiptsReply = { receipts: await currentReceipts(c.get('services'), user, ids) }
    return c.json(reply)
  })
