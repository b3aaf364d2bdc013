import type { MiddlewareHandler } from 'hono'
import { routePath } from 'hono/route'
import type { SyncResult } from '@parsurvey/shared'
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { Services } from '../services.ts'
import type { OperationsPort } from '../storage/operations-store.ts'
import type { AppEnv } from './context.ts'

/**
 * The Prometheus metrics of one app (`GET /metrics`, routes/metrics.ts): requests by route and
 * status, their latency, sync batches and receipts, and, read when scraped, the database's size,
 * the age of the newest backup and the responses waiting for the fold. One registry per app, so
 * apps in tests do not share counters; Node's process metrics only when `process` is set (main.ts).
 */
export function createMetrics(services: Services, options: { process?: boolean } = {}) {
  const registry = new Registry()
  const registers = [registry]
  if (options.process) collectDefaultMetrics({ register: registry })

  const requests = new Counter({
    name: 'parsurvey_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  })
  const duration = new Histogram({
    name: 'parsurvey_http_request_duration_seconds',
    help: 'Time from receiving a request to its response headers, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  })
  const syncBatches = new Counter({
    name: 'parsurvey_sync_batches_total',
    help: 'Sync batches (POST /api/sync) answered with receipts.',
    registers,
  })
  const syncResponses = new Counter({
    name: 'parsurvey_sync_responses_total',
    help: 'Responses in sync batches, by receipt status (stored, duplicate, conflict, rejected).',
    labelNames: ['status'] as const,
    registers,
  })
  for (const status of ['stored', 'duplicate', 'conflict', 'rejected']) syncResponses.inc({ status }, 0)

  databaseGauges(services.operations, registers)

  return {
    registry,
    /** Counts and times every request, labelled by the route pattern that answered (bounded labels). */
    middleware: ((): MiddlewareHandler<AppEnv> => async (c, next) => {
      const stop = duration.startTimer()
      await next()
      const labels = { method: c.req.method, route: routePath(c) }
      stop(labels)
      requests.inc({ ...labels, status: String(c.res.status) })
    })(),
    /** A sync batch answered: one batch, and its receipts by status. */
    synced(results: readonly SyncResult[]): void {
      syncBatches.inc()
      for (const { status } of results) syncResponses.inc({ status })
    },
  }
}
export type Metrics = ReturnType<typeof createMetrics>

/**
 * Read when scraped, on either engine (storage/operations-store.ts): the database's size, the
 * responses waiting for the fold, and, where parsurvey makes the backups (SQLite), the age of
 * the newest one.
 */
function databaseGauges(operations: OperationsPort, registers: Registry[]): void {
  new Gauge({
    name: 'parsurvey_database_bytes',
    help: 'Size of the database on disk: SQLite\'s main file and write-ahead log, or the PostgreSQL database (file="database").',
    labelNames: ['file'] as const,
    registers,
    async collect() {
      for (const { file, bytes } of await operations.databaseBytes()) this.set({ file }, bytes)
    },
  })
  const { lastBackupAt } = operations
  if (lastBackupAt)
    new Gauge({
      name: 'parsurvey_backup_age_seconds',
      help: 'Seconds since the newest backup (CLI, timer or admin download); +Inf when there has been none. SQLite only: on PostgreSQL, pg_dump makes the backups.',
      registers,
      async collect() {
        const at = await lastBackupAt()
        this.set(at ? Math.max(0, (Date.now() - at.getTime()) / 1000) : Infinity)
      },
    })
  new Gauge({
    name: 'parsurvey_fold_waiting_responses',
    help: 'Stored responses not yet counted in the aggregates (the fold catches up within a second).',
    registers,
    async collect() {
      this.set(await operations.unfoldedResponses())
    },
  })
}
