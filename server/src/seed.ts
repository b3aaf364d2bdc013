import { formatSurveyIssue, parseSurveyText, DomainError, type Survey } from '@parsurvey/shared'
import fs from 'node:fs'
import path from 'node:path'
import { generatePassword, hashPassword } from './auth/password.ts'
import type { Role } from './db/users.ts'
import type { Services } from './services.ts'
import { openDemoRounds } from './survey/round.ts'

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
 * once). `admin` gets `adminPassword` when given, for unattended installs.
 */
export async function createDemoAccounts(services: Services, adminPassword?: string): Promise<DemoLogin[]> {
  if (services.sqlite.users.count() > 0) return []
  const accounts: { username: string; role: Role; password?: string | undefined }[] = [
    { username: 'admin', role: 'admin', password: adminPassword },
    { username: 'analyst', role: 'analyst' },
    { username: 'supervisor', role: 'supervisor' },
    { username: 'surveyor', role: 'surveyor' },
  ]
  const logins: DemoLogin[] = []
  for (const account of accounts) {
    const password = account.password ?? generatePassword()
    services.sqlite.users.create({
      username: account.username,
      role: account.role,
      units: 'all',
      passwordHash: await hashPassword(password),
    })
    logins.push({ username: account.username, password, role: account.role })
  }
  return logins
}
