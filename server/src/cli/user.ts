import { DomainError } from '@parsurvey/shared'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { createAccount, resetPassword, setAccountDisabled, type Actor } from '../accounts/accounts.ts'
import { loadConfig } from '../config.ts'
import { openDatabase } from '../db/connection.ts'
import { logUpgradeCopy, openPostgresDatabase } from './database.ts'
import { createServices, type Services } from '../services.ts'
import { text } from './cli-error.ts'

/** The command line acts without a user; its audit entries are `cli-…`. */
const CLI: Actor = { userId: null, via: 'cli' }

/**
 * `pnpm parsurvey user add|disable|reset-password|list` on the server's database (`DATA_DIR`;
 * WAL lets it run while the server runs; or PostgreSQL by `DATABASE_URL`). Passwords come on
 * stdin, one line, so they never appear in the shell history or the process list:
 * `echo "$PW" | pnpm parsurvey user add …`.
 */
export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args
  let values: { username?: string | undefined; role?: string | undefined; units?: string | undefined }
  try {
    values = parseArgs({
      args: rest,
      options: { username: { type: 'string' }, role: { type: 'string' }, units: { type: 'string' } },
    }).values
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${text('cli-user-usage')}\n`)
    return 1
  }
  const needsName = sub === 'add' || sub === 'disable' || sub === 'reset-password'
  if (!(needsName || sub === 'list') || (needsName && !values.username) || (sub === 'add' && !values.role)) {
    process.stderr.write(`${text('cli-user-usage')}\n`)
    return 1
  }
  const { services, close } = await openAccounts()
  try {
    const username = values.username ?? ''
    switch (sub) {
      case 'list':
        return await list(services)
      case 'add': {
        const password = await readPassword()
        const units =
          values.units === undefined || values.units === 'all'
            ? values.units
            : values.units.split(',').map((u) => u.trim())
        const { user } = await createAccount(services, CLI, { username, role: values.role, units, password })
        process.stdout.write(`${text('cli-user-created', { username: user.username, role: user.role })}\n`)
        return 0
      }
      case 'disable':
        await setAccountDisabled(services, CLI, username, true)
        process.stdout.write(`${text('cli-user-disabled', { username })}\n`)
        return 0
      case 'reset-password':
        await resetPassword(services, CLI, username, { password: await readPassword() })
        process.stdout.write(`${text('cli-user-password-reset', { username })}\n`)
        return 0
      default:
        return 1
    }
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    process.stderr.write(`${text(error.code, { ...error.params, ...(error.field ? { field: error.field } : {}) })}\n`)
    return 2
  } finally {
    await close()
  }
}

/**
 * The accounts of the database the server uses: PostgreSQL when `DATABASE_URL` names one (the
 * accounts are on the storage boundary, ported-services.ts), else `$DATA_DIR/parsurvey.db`.
 */
async function openAccounts(): Promise<{ services: Services; close: () => Promise<void> }> {
  const config = loadConfig()
  if (config.databaseUrl) return openPostgresDatabase(config.databaseUrl, config.accessCodeKeyFile)
  const db = openDatabase(path.join(config.dataDir, 'parsurvey.db'), { onUpgradeCopy: logUpgradeCopy })
  return { services: createServices(db), close: async () => void db.close() }
}

async function list(services: Services): Promise<number> {
  const rows = (await services.users.list()).map((u) => [
    u.username,
    u.role,
    u.units === 'all' ? 'all' : u.units.join(','),
    u.disabled ? 'disabled' : 'active',
    u.lastLoginAt ?? '-',
  ])
  const header = ['username', 'role', 'units', 'state', 'last log-in']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  for (const row of [header, ...rows])
    process.stdout.write(
      `${row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd()}\n`,
    )
  return 0
}

/** The first line of stdin (a prompt is shown when a person types it); empty is refused. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password: ')
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
  let first = ''
  for await (const line of lines) {
    first = line
    break
  }
  lines.close()
  if (first === '') throw new DomainError('cli-password-empty', { field: 'password' })
  return first
}
