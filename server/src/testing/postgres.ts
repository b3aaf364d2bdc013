import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

/** A PostgreSQL server the tests may use: an admin URL and a way to let it go. */
export interface TestPostgres {
  /** Connects as a superuser to the `postgres` database; tests create their own databases. */
  adminUrl: string
  stop(): void
}

/**
 * The PostgreSQL the tests run against. `PARSURVEY_TEST_PG_URL` (or a `postgres://` DATABASE_URL)
 * names one that is already running; otherwise a throwaway server is made from Debian's
 * `postgresql` package: initdb in a temporary folder (as the `postgres` user when we are root,
 * since PostgreSQL refuses to run as root), started on a free loopback port with its unix socket
 * in that folder, and removed again by `stop()`.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const given = process.env.PARSURVEY_TEST_PG_URL ?? postgresUrl(process.env.DATABASE_URL)
  if (given) return { adminUrl: given, stop: () => {} }

  const bin = postgresBinDir()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-pg-'))
  const data = path.join(dir, 'data')
  const asRoot = process.getuid?.() === 0
  const run = (program: string, args: string[]): void => {
    const file = path.join(bin, program)
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args]
    const result = spawnSync(cmd, argv, { encoding: 'utf8', cwd: dir })
    if (result.status !== 0) {
      throw new Error(`${program} failed (${result.status}): ${result.stderr || result.stdout}`)
    }
  }
  if (asRoot) {
    fs.chmodSync(dir, 0o755)
    execFileSync('chown', ['postgres:postgres', dir])
  }
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'])
    const port = await freePort()
    const options = [`-p ${port}`, `-k ${dir}`, `-c listen_addresses=127.0.0.1`, `-c max_connections=50`]
    run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', '-o', options.join(' '), 'start'])
    return {
      adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop() {
        try {
          run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
        } finally {
          fs.rmSync(dir, { recursive: true, force: true })
        }
      },
    }
  } catch (error) {
    const log = path.join(dir, 'server.log')
    const tail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-2000) : ''
    fs.rmSync(dir, { recursive: true, force: true })
    throw new Error(`${(error as Error).message}\n${tail}`, { cause: error })
  }
}

/** A new, empty database on the test server, so each test file has its own; returns its URL. */
export async function createTestDatabase(adminUrl: string, prefix = 'parsurvey_test'): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(`CREATE DATABASE ${name}`)
  } finally {
    await client.end()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/**
 * How many sessions of the database at `url` carry `applicationName` (a server's URL sets it with
 * `?application_name=`); with `end`, ends them first, as a restart or a failover of PostgreSQL would.
 */
export async function connectionsNamed(url: string, applicationName: string, end = false): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ n: number }>(
      end
        ? 'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1'
        : 'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
      [applicationName],
    )
    return rows[0]!.n
  } finally {
    await client.end()
  }
}

function postgresUrl(url: string | undefined): string | undefined {
  return url && /^postgres(ql)?:\/\//.test(url) ? url : undefined
}

/** Debian keeps each major version's programs in /usr/lib/postgresql/<major>/bin; take the newest. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql'
  const majors = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : []
  if (majors.length === 0) {
    throw new Error('PostgreSQL is not installed: run `sh .ci/prepare.sh --postgres` (Debian package `postgresql`)')
  }
  return path.join(root, majors[0]!, 'bin')
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}
