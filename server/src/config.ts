import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { readKey } from './codes/code-cipher.ts'
import { compileTrust } from './http/client.ts'

/** Repository root, for the defaults below (the server runs from its package folder under pnpm). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export type Config = {
  port: number
  host: string
  dataDir: string
  /**
   * `DATABASE_URL=postgres://…`: PostgreSQL instead of `$DATA_DIR/parsurvey.db` (docs/storage.md).
   * Holds the password: never log it (`databaseName` is what logs show). The server refuses to
   * start with it without `ACCESS_CODE_KEY_FILE` (main.ts).
   */
  databaseUrl: string | undefined
  /**
   * With `DATABASE_URL`: the access-code key file every app server reads (`ACCESS_CODE_KEY_FILE`),
   * checked to hold a key; the server requires it (main.ts). On SQLite the key lives beside the
   * database (codes/code-cipher.ts).
   */
  accessCodeKeyFile: string | undefined
  /** When set on first start, the `admin` account gets this password instead of a generated one. */
  adminPassword: string | undefined
  /** Folder of the built PWA (served at `/`). */
  clientDir: string
  /** Folder of the survey definitions loaded on first start. */
  surveysDir: string
  /** Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (`TRUST_PROXY`); none by default. */
  trustProxy: string[]
  /** The origin printed in links (`PUBLIC_URL`), e.g. `https://khaosat.example.gov.vn`; else the request's. */
  publicUrl: string | undefined
  /** Least severe log lines written (`LOG_LEVEL`, default `info`). */
  logLevel: LogLevel
  /** Bearer token for `/metrics` (`METRICS_TOKEN`); unset: only an admin's session reads them. */
  metricsToken: string | undefined
  /** Where invitations are mailed (`SMTP_URL` + `MAIL_FROM`); undefined when mail is not set up. */
  mail: MailConfig | undefined
}

/** Shortest `METRICS_TOKEN` accepted: a guessable token would open the metrics to anyone. */
export const METRICS_TOKEN_MIN_LENGTH = 24

/** The mail server and sender; `url` holds the password, so log only `mailServer(config)`. */
export type MailConfig = { url: string; from: string }

/** Configuration from environment variables, with defaults that need no set-up (README). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8787)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`)
  const base = env.INIT_CWD ?? repoRoot
  const logLevel = (env.LOG_LEVEL || 'info') as LogLevel
  if (!LOG_LEVELS.includes(logLevel))
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`)
  const databaseUrl = parseDatabaseUrl(env.DATABASE_URL)
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(base, env.DATA_DIR ?? 'data'),
    databaseUrl,
    accessCodeKeyFile: parseKeyFile(env.ACCESS_CODE_KEY_FILE, databaseUrl !== undefined, base),
    adminPassword: env.ADMIN_PASSWORD || undefined,
    clientDir: path.resolve(repoRoot, env.CLIENT_DIR ?? 'client/dist'),
    surveysDir: path.resolve(repoRoot, env.SURVEYS_DIR ?? 'surveys'),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    publicUrl: parsePublicUrl(env.PUBLIC_URL),
    logLevel,
    metricsToken: parseMetricsToken(env.METRICS_TOKEN),
    mail: parseMail(env.SMTP_URL, env.MAIL_FROM),
  }
}

/**
 * `DATABASE_URL`: `postgres://user:password@host:5432/database` (or `postgresql://`), with a host
 * and a database name. Messages never repeat the URL: it carries the password.
 */
function parseDatabaseUrl(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined
  const example = 'postgres://parsurvey:password@db.example.gov.vn:5432/parsurvey'
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    throw new Error(`DATABASE_URL must be a PostgreSQL URL such as ${example}`)
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new Error(
      `DATABASE_URL must start with postgres:// or postgresql://, got "${url.protocol}//"; unset it to use SQLite in DATA_DIR`,
    )
  if (!url.hostname || url.pathname.length <= 1)
    throw new Error(`DATABASE_URL must name a host and a database, such as ${example}`)
  return value.trim()
}

/** The PostgreSQL database without its password or options, for logs: `postgres://parsurvey@db.example.gov.vn:5432/parsurvey`. */
export function databaseName(databaseUrl: string): string {
  const url = new URL(databaseUrl)
  const user = url.username ? `${url.username}@` : ''
  return `${url.protocol}//${user}${url.host}${url.pathname}`
}

const MAKE_KEY = 'head -c 32 /dev/urandom | base64 > /etc/parsurvey/access-codes.key'

/**
 * Why a server on PostgreSQL cannot start without `ACCESS_CODE_KEY_FILE` (main.ts): its app
 * servers must seal and open codes with one key, and none of them may make its own
 * (codes/code-cipher.ts). Commands that use no codes (`parsurvey user`) do not need it.
 */
export const codeKeyRequired = () =>
  `ACCESS_CODE_KEY_FILE must name the access-code key file every app server shares (docs/deploy.md), made once with \`${MAKE_KEY}\``

/**
 * `ACCESS_CODE_KEY_FILE`, used with `DATABASE_URL` only: when set, the file must hold a 32-byte
 * base64 key. Not used on SQLite, where the key is the file beside the database that the admin's
 * backups carry.
 */
function parseKeyFile(value: string | undefined, postgres: boolean, base: string): string | undefined {
  if (!postgres || !value?.trim()) return undefined
  const file = path.resolve(base, value.trim())
  let key: Buffer | undefined
  try {
    key = readKey(file, false)
  } catch {
    key = undefined
  }
  if (!key)
    throw new Error(
      `ACCESS_CODE_KEY_FILE "${file}" must be a readable file holding a 32-byte base64 key (\`${MAKE_KEY}\`)`,
    )
  return file
}

function parseMetricsToken(value: string | undefined): string | undefined {
  const token = value?.trim()
  if (!token) return undefined
  if (token.length < METRICS_TOKEN_MIN_LENGTH || /\s/.test(token))
    throw new Error(
      `METRICS_TOKEN must be at least ${METRICS_TOKEN_MIN_LENGTH} characters without spaces (e.g. the output of \`openssl rand -hex 32\`)`,
    )
  return token
}

/**
 * `SMTP_URL` (`smtp://user:pass@host:587`, or `smtps://` for TLS from the start) and `MAIL_FROM`
 * (`Sở Nội vụ <khaosat@example.gov.vn>`). Messages never repeat the URL: it carries the password.
 */
function parseMail(value: string | undefined, from: string | undefined): MailConfig | undefined {
  if (!value) return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new Error('SMTP_URL must be a URL such as smtp://user:password@mail.example.gov.vn:587')
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new Error(`SMTP_URL must start with smtp:// or smtps://, got "${url.protocol}//"`)
  if (!from?.trim() || !/@/.test(from))
    throw new Error('MAIL_FROM must be set with SMTP_URL, e.g. "Sở Nội vụ <khaosat@example.gov.vn>"')
  return { url: value, from: from.trim() }
}

/** The mail server without its credentials, for logs: `smtp://mail.example.gov.vn:587`. */
export function mailServer(mail: MailConfig): string {
  const url = new URL(mail.url)
  return `${url.protocol}//${url.host}`
}

/** `TRUST_PROXY`: addresses or CIDR ranges separated by commas or spaces, e.g. `127.0.0.1, ::1`. */
function parseTrustProxy(value: string | undefined): string[] {
  const list = (value ?? '').split(/[\s,]+/).filter((entry) => entry !== '')
  try {
    compileTrust(list)
  } catch (err) {
    throw new Error(
      `TRUST_PROXY must list proxy addresses or CIDR ranges (e.g. 127.0.0.1,::1): ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    )
  }
  return list
}

/** `PUBLIC_URL`: an http(s) origin with nothing after it but an optional `/`; returned without the slash. */
function parsePublicUrl(value: string | undefined): string | undefined {
  if (!value) return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new Error(`PUBLIC_URL must be a URL such as https://khaosat.example.gov.vn, got "${value}"`)
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname !== '/' || url.search || url.hash)
    throw new Error(`PUBLIC_URL must be an origin such as https://khaosat.example.gov.vn (no path), got "${value}"`)
  return url.origin
}
