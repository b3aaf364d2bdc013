import { formatSurveyIssue, parseSurveyText, DomainError, type Survey } from '@parsurvey/shared'
import fs from 'node:fs'
import path from 'node:path'
import { generatePassword, hashPassword } from './auth/password.ts'
import type { Role } from './db/users.ts'
import type { Services } from './services.ts'
import { openDemoRounds } from './survey/round.ts'

/**
 * What every start does before serving: publishes the survey files not yet published and, on a
 * database without accounts (the first start), opens a round for the surveys it published and
 * creates the demo accounts, returning their log-ins to print once. Safe when several servers
 * start together on one database (docs/storage.md, "First start"): each survey version is
 * published by one of them (insert-or-compare), only that one opens its round, and only the one
 * whose demo accounts were created returns log-ins.
 */
export async function seedDatabase(
  services: Pick<Services, 'surveys' | 'rounds' | 'users' | 'accounts'>,
  options: { surveysDir: string; adminPassword?: string | undefined; log: (line: string) => void },
): Promise<DemoLogin[]> {
  const firstStart = (await services.users.count()) === 0
  const published = await loadSurveyFiles(services, options.surveysDir, options.log)
  if (firstStart) await openFirstRounds(services, published, options.log)
  return createDemoAccounts(services, options.adminPassword)
}

/**
 * Publishes every valid survey file of `dir` that is not published yet. A file whose
 * (id, version) is already published with other content is reported and skipped: published
 * versions never change.
 */
export async function loadSurveyFiles(
  services: Pick<Services, 'surveys'>,
  dir: string,
  log: (line: string) => void,
): Promise<Survey[]> {
  const published: Survey[] = []
  if (!fs.existsSync(dir)) return published
  for (const name of fs.readdirSync(dir).sort()) {
    if (!/\.(ya?ml|json)$/i.test(name)) continue
    const file = path.join(dir, name)
    const parsed = parseSurveyText(fs.readFileSync(file, 'utf8'), name)
    if (!parsed.ok) {
      log(`! ${name} is not a valid survey and was not loaded:`)
      for (const issue of parsed.issues) log(`    ${formatSurveyIssue(issue, 'en', name)}`)
      continue
    }
    try {
      const { created } = await services.surveys.publish(parsed.survey, null)
      if (created) {
        log(`✓ published survey ${parsed.survey.id} v${parsed.survey.version} from ${name}`)
        published.push(parsed.survey)
      }
    } catch (err) {
      if (!(err instanceof DomainError)) throw err
      log(`! ${name}: ${err.message}`)
    }
  }
  return published
}

/**
 * First start only: opens a round from today for the surveys just published whose file round is
 * missing or over (survey/round.ts), so a fresh install can send invitations whatever the date.
 */
export async function openFirstRounds(
  services: Pick<Services, 'surveys' | 'rounds'>,
  published: Survey[],
  log: (line: string) => void,
): Promise<void> {
  for (const survey of published) {
    const [round] = await openDemoRounds(services, [survey])
    if (round)
      log(`✓ round of ${survey.id} opened ${round.opens} to ${round.closes} (change it in Administration → Surveys)`)
  }
}

export type DemoLogin = { username: string; password: string; role: Role }

/**
 * On a database without accounts, creates the demo accounts and returns their log-ins (to print
 * once). `admin` gets `adminPassword` when given, for unattended installs. The accounts are made
 * by one port method that creates them only while there are none (one transaction; on
 * PostgreSQL under the `accounts` lock), so of several servers starting together on one empty
 * database exactly one creates them and returns their log-ins; the others return none, and no
 * server prints passwords that do not work.
 */
export async function createDemoAccounts(
  services: Pick<Services, 'users' | 'accounts'>,
  adminPassword?: string,
): Promise<DemoLogin[]> {
  // Every later start stops here, before hashing four passwords.
  if ((await services.users.count()) > 0) return []
  const accounts = await Promise.all(
    DEMO_ACCOUNTS.map(async ({ username, role }) => {
      const password = (username === 'admin' && adminPassword) || generatePassword()
      return { username, role, password, passwordHash: await hashPassword(password) }
    }),
  )
  const created = await services.accounts.createFirst(
    accounts.map(({ username, role, passwordHash }) => ({ username, role, units: 'all' as const, passwordHash })),
  )
  if (created.length === 0) return []
  return accounts.map(({ username, password, role }) => ({ username, password, role }))
}

const DEMO_ACCOUNTS: { username: string; role: Role }[] = [
  { username: 'admin', role: 'admin' },
  { username: 'analyst', role: 'analyst' },
  { username: 'supervisor', role: 'supervisor' },
  { username: 'surveyor', role: 'surveyor' },
]
