import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** Repository root, for the defaults below (the server runs from its package folder under pnpm). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export type Config = {
  port: number
  host: string
  dataDir: string
  /** When set on first start, the `admin` account gets this password instead of a generated one. */
  adminPassword: string | undefined
  /** Folder of the built PWA (served at `/`). */
  clientDir: string
  /** Folder of the survey definitions loaded on first start. */
  surveysDir: string
}

/** Configuration from environment variables, with defaults that need no set-up (README). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8787)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`)
  const base = env.INIT_CWD ?? repoRoot
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(base, env.DATA_DIR ?? 'data'),
    adminPassword: env.ADMIN_PASSWORD || undefined,
    clientDir: path.resolve(repoRoot, env.CLIENT_DIR ?? 'client/dist'),
    surveysDir: path.resolve(repoRoot, env.SURVEYS_DIR ?? 'surveys'),
  }
}
