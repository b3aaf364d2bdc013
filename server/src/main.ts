import { serve } from '@hono/node-server'
import fs from 'node:fs'
import type { Server } from 'node:http'
import path from 'node:path'
import { createApp } from './app.ts'
import { codeKeyRequired, loadConfig, mailServer, repoRoot } from './config.ts'
import { createMailer } from './register/mailer.ts'
import { checkDataDir, lockDataDir, StartupError } from './data-dir.ts'
import { openDatabase } from './db/connection.ts'
import { createLogger } from './http/logger.ts'
import { createMetrics } from './http/metrics.ts'
import { applyConnectionTimeouts } from './http/connection-timeouts.ts'
import { seedDatabase } from './seed.ts'
import { areasNotYetOnPostgres, createServices } from './services.ts'

/** Starts parsurvey: one process serving the API and the built PWA, on one SQLite file. */
async function main(): Promise<void> {
  const config = loadConfig()
  // The server runs on PostgreSQL once every area is on the storage boundary; until then it says
  // which are not, rather than serving some areas from a SQLite file nobody asked for.
  if (config.databaseUrl && !config.accessCodeKeyFile) throw new StartupError(codeKeyRequired())
  if (config.databaseUrl) throw new StartupError(notYetOnPostgres(areasNotYetOnPostgres()))
  const logger = createLogger(config.logLevel)
  const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string })
    .version
  const dbFile = path.join(config.dataDir, 'parsurvey.db')
  // Before SQLite touches anything: a usable folder, and no other server on it.
  checkDataDir(config.dataDir)
  process.on('exit', lockDataDir(config.dataDir))
  let db
  try {
    db = openDatabase(dbFile, {
      onUpgradeCopy: ({ file, from, to }) =>
        logger.info({ copy: file, from, to }, `Upgrade: database copied to ${file} before migrations ${from} → ${to}`),
    })
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    throw new StartupError(`Cannot open the database ${dbFile} (${reason}). Check the disk and the file's permissions.`)
  }
  const services = createServices(db, { log: logger })
  const log = (line: string) => logger.info(line)

  // Responses a crash left unfolded are added to the aggregates before anything reads them.
  const recovered = services.folding.flush().fromStorage
  if (recovered > 0) log(`Aggregates: added ${recovered} stored responses that an earlier stop had not folded in`)
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
        database: dbFile,
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
    db.close()
    process.exit(1)
  })

  /** Folds what waits into the aggregates (else the next start does), closes the database, exits. */
  const finish = () => {
    try {
      services.folding.close()
    } catch (err) {
      logger.error({ err }, 'aggregates: fold on stop failed, the next start folds')
    }
    db.close()
    process.exit(0)
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

/** Why DATABASE_URL cannot be used yet, naming the areas still on SQLite only (services.ts). */
function notYetOnPostgres(areas: string[]): string {
  return [
    'DATABASE_URL names a PostgreSQL database, but these areas of the server are not yet on PostgreSQL:',
    ...areas.map((area) => `  - ${area}`),
    'Unset DATABASE_URL to run on SQLite in DATA_DIR (docs/storage.md, "What is done, and what remains").',
  ].join('\n')
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
