import { serveStatic } from '@hono/node-server/serve-static'
import { DomainError } from '@parsurvey/shared'
import { Hono, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { csrf } from 'hono/csrf'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import fs from 'node:fs'
import path from 'node:path'
import { identify } from './auth/middleware.ts'
import { identifyClient } from './http/client.ts'
import { compression } from './http/compression.ts'
import type { AppEnv } from './http/context.ts'
import { createLogger, logRequests, type Logger } from './http/logger.ts'
import { createMetrics, type Metrics } from './http/metrics.ts'
import { onError } from './http/errors.ts'
import { refuseCrossSiteWrites } from './http/same-origin.ts'
import { MAX_INFLATED_BYTES } from './http/body.ts'
import { codesRoutes } from './routes/codes.ts'
import { healthRoutes } from './routes/health.ts'
import { readyRoutes } from './routes/ready.ts'
import { metricsRoutes } from './routes/metrics.ts'
import { progressRoutes } from './routes/progress.ts'
import { respondRoutes } from './routes/respond.ts'
import { respondentsRoutes } from './routes/respondents.ts'
import { invitationRoutes } from './routes/invitations.ts'
import type { MailConfig } from './config.ts'
import type { Mailer } from './register/mailer.ts'
import { scoreRoutes } from './routes/scores.ts'
import { selfAssessmentRoutes } from './routes/self-assessment.ts'
import { adjustmentsRoutes } from './routes/adjustments.ts'
import { resultsRoutes } from './routes/results.ts'
import { backupRoutes } from './routes/backup.ts'
import { exportRoutes } from './routes/exports.ts'
import { sessionRoutes } from './routes/session.ts'
import { surveyRoutes } from './routes/surveys.ts'
import { syncRoutes } from './routes/sync.ts'
import { usersRoutes } from './routes/users.ts'
import { auditRoutes } from './routes/audit.ts'
import { paperFormRoutes } from './routes/paper-forms.ts'
import { reviewRoutes } from './routes/review.ts'
import { qualityRoutes } from './routes/quality.ts'
import type { Services } from './services.ts'

/** Largest request body accepted by the API (a sync batch of 100 long responses fits easily). */
export const MAX_BODY_BYTES = MAX_INFLATED_BYTES

export type AppOptions = {
  services: Services
  clientDir?: string | undefined
  version: string
  /** Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (config.ts); none by default. */
  trustProxy?: readonly string[]
  /** The origin printed in links, instead of the request's (config.ts). */
  publicUrl?: string | undefined
  /** Where request lines go; silent by default (tests). */
  logger?: Logger
  /** Prometheus metrics (http/metrics.ts); a fresh set without process metrics by default. */
  metrics?: Metrics
  /** Bearer token a scraper sends for `/metrics` (`METRICS_TOKEN`); without it only admins read them. */
  metricsToken?: string | undefined
  /** The mail server for invitations (SMTP_URL, config.ts); without it the other channels remain. */
  mail?: { config: MailConfig; mailer: Mailer } | undefined
}

const compressAll = compression()

/**
 * Gzip for everything but sync receipts: they are small, mostly UUIDs and hashes that hardly
 * shrink, and compressing them cost about a quarter of the server's time per stored response.
 */
const compressExceptSync: MiddlewareHandler<AppEnv> = (c, next) =>
  c.req.method === 'POST' && c.req.path === '/api/sync' ? next() : compressAll(c, next)

/** Six months, sub-domains included (hono's default), on answers the browser got over HTTPS. */
const HSTS = 'max-age=15552000; includeSubDomains'

/**
 * `Strict-Transport-Security` when the request came over HTTPS: directly, or through a proxy
 * listed in TRUST_PROXY saying `X-Forwarded-Proto: https` (http/client.ts).
 */
const strictTransportSecurity: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next()
  if (c.get('client').origin.startsWith('https:')) c.header('Strict-Transport-Security', HSTS)
}

/** The HTTP application: the JSON API under /api and the built PWA everywhere else. */
export function createApp(options: AppOptions) {
  const { services, clientDir, version, trustProxy = [], publicUrl, logger, mail } = options
  const metrics = options.metrics ?? createMetrics(services)
  const api = new Hono<AppEnv>()
    .use(
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: () => {
          throw new DomainError('payload-too-large', { status: 413, params: { limit: '5 MB' } })
        },
      }),
    )
    .route('/health', healthRoutes(version))
    .route('/ready', readyRoutes)
    .route('/session', sessionRoutes)
    .route('/surveys', surveyRoutes)
    .route('/sync', syncRoutes)
    .route('/progress', progressRoutes)
    .route('/scores', scoreRoutes)
    .route('/codes', codesRoutes)
    .route('/respond', respondRoutes)
    .route('/respondents', respondentsRoutes)
    .route('/invitations', invitationRoutes(mail))
    .route('/users', usersRoutes)
    .route('/audit', auditRoutes)
    .route('/review/paper-forms', paperFormRoutes)
    .route('/review', reviewRoutes)
    .route('/self-assessment', selfAssessmentRoutes)
    .route('/adjustments', adjustmentsRoutes)
    .route('/results', resultsRoutes)
    .route('/backup', backupRoutes)
    .route('/exports', exportRoutes)
    .route('/quality', qualityRoutes)
    .all('*', () => {
      throw new DomainError('not-found', { status: 404 })
    })

  const app = new Hono<AppEnv>()
    .use(requestId())
    .use(identifyClient({ trustProxy, publicUrl }))
    .use(logRequests(logger ?? createLogger()))
    .use(metrics.middleware)
    .use(async (c, next) => {
      c.set('services', services)
      c.set('metrics', metrics)
      await next()
    })
    .use(
      secureHeaders({
        contentSecurityPolicy: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          workerSrc: ["'self'"],
          manifestSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
        xFrameOptions: 'DENY',
        xContentTypeOptions: 'nosniff',
        referrerPolicy: 'same-origin',
        // Not sent: with `Origin-Agent-Cluster: ?1` beside COOP, Chromium neither writes nor reads
        // V8's code cache for the app's scripts, so every start recompiled all of them (about
        // half of the field app's start-up, measured in the field-app-start bench). Its gain is
        // small here: one origin, no document.domain, and COOP, CSP frame-ancestors and
        // X-Frame-Options stay.
        originAgentCluster: false,
        // Sent below, and only over HTTPS: over plain HTTP it means nothing, and a browser that
        // met it on a test address (http://10.x) would be told nothing true.
        strictTransportSecurity: false,
      }),
    )
    .use(strictTransportSecurity)
    .use(compressExceptSync)
    // State-changing requests must come from our own pages (Origin check), on top of SameSite cookies.
    .use('/api/*', csrf())
    .use('/api/*', refuseCrossSiteWrites())
    .use('/api/*', identify())
    .route('/api', api)
    .use('/metrics', identify())
    .route('/metrics', metricsRoutes(metrics, options.metricsToken))
    .onError(onError)

  if (clientDir && fs.existsSync(clientDir)) mountClient(app, clientDir)
  return app
}

/** Serves the built PWA; unknown paths fall back to index.html so client routes (e.g. /r/<code>) work. */
function mountClient(app: Hono<AppEnv>, clientDir: string): void {
  const indexHtml = path.join(clientDir, 'index.html')
  app.use(
    '*',
    serveStatic({
      root: clientDir,
      onFound: (file, c) => {
        // Hashed assets never change; the shell and the service worker must always be revalidated.
        const immutable = file.includes(`${path.sep}assets${path.sep}`)
        c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      },
    }),
  )
  app.get('*', (c) => {
    c.header('Cache-Control', 'no-cache')
    return c.html(fs.readFileSync(indexHtml, 'utf8'))
  })
}

export type App = ReturnType<typeof createApp>
