import { serve } from '@hono/node-server'
import fs from 'node:fs'
import type { Server } from 'node:http'
import path from 'node:path'
import { createApp } from './app.ts'
import { codeKeyRequired, loadConfig, mailServer, repoRoot } from './config.ts'
import { createMailer } from './register/mailer.ts'
import { StartupError } from './data-dir.ts'
import { createLogger } from './http/logger.ts'
import { createMetrics } from './http/metrics.ts'
import { applyConnectionTimeouts } from './http/connection-timeouts.ts'
import { seedDatabase } from './seed.ts'
import { openDatabaseToServe } from './server-database.ts'

/**
 * Starts parsurvey: one process serving the API and the built PWA, on the SQLite file in
 * `DATA_DIR` or, with `DATABASE_URL`, on PostgreSQL beside any number of other app servers.
 */
async function main(): Promise<void> {
  const config = loadConfig()
  if (config.databaseUrl && !config.accessCodeKeyFile) throw new StartupError(codeKeyRequired())
  const logger = createLogger(config.logLevel)
  const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string })
    .version
  const database = await openDatabaseToServe(config, logger)
  const { services } = database
  const log = (line: string) => logger.info(line)
  const logins = await seedDatabase(services, {
    surveysDir: config.surveysDir,
    adminPassword: config.adminPassword,
    log,
  })
  if (!fs.existsSync(config.clientDir))
    log(`! ${config.clientDir} does not exist: run \`pnpm build\` to serve the app (the API works without it)`)

  const { trustProxy, publicUrl, metricsToken } = config
  const metrics = createMetrics(services, { process: true })
  const mail = config.mail && { config: config.mail, mailer: createMailer(config.mail) }
  const app = createApp({
    services,
    clientDir: config.clientDir,
    version,
    trustProxy,
    publicUrl,
    logger,
    metrics,
    metricsToken,
    mail,
  })
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info(
      {
        version,
        port: info.port,
        database: database.name,
        publicUrl,
        trustProxy,
        mail: config.mail && mailServer(config.mail),
      },
      `parsurvey ${version} on http://localhost:${info.port}`,
    )
    for (const { username, password, role } of logins) {
      // A password the operator chose is not echoed into logs.
      const shown = username === 'admin' && config.adminPassword ? '(the password from ADMIN_PASSWORD)' : password
      logger.warn(
        { role, username, password: shown },
        'demo account, shown only this once: change the password for real use',
      )
    }
  })

  applyConnectionTimeouts(server as Server)

  server.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') {
      logger.fatal(
        `Port ${config.port} is already in use (is parsurvey already running?). Stop the other program or set PORT, e.g. PORT=8788 npm start.`,
      )
    } else {
      logger.fatal(`Cannot listen on ${config.host}:${config.port}: ${err.message}`)
    }
    void database.close().finally(() => process.exit(1))
  })

  /** Closes the database (on SQLite after folding what waits, else the next start folds) and exits. */
  let finishing = false
  const finish = () => {
    if (finishing) return
    finishing = true
    // A connection that does not let go must not keep the process from stopping.
    setTimeout(() => process.exit(0), 5000).unref()
    database.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'closing the database failed')
        process.exit(1)
      },
    )
  }
  const stop = () => {
    mail?.mailer.close()
    server.close(finish)
    // Open keep-alive connections must not hold the database open forever.
    setTimeout(finish, 3000).unref()
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
