import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from './app.ts'
import { repoRoot } from './config.ts'
import { seedDatabase, type DemoLogin } from './seed.ts'
import { appBackends, type AppBackend } from './testing/app-backends.ts'

/**
 * The first start's seeding (seed.ts) on both engines, and on PostgreSQL two app servers starting
 * together on one empty database: the accounts, surveys and rounds are made once, and only the
 * server whose accounts were created prints their passwords.
 */
let surveysDir: string
beforeAll(() => {
  // The demo survey files without their round, so a first start opens one (survey/round.ts).
  surveysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-seed-'))
  for (const name of fs.readdirSync(path.join(repoRoot, 'surveys')).filter((n) => n.endsWith('.yaml'))) {
    const text = fs.readFileSync(path.join(repoRoot, 'surveys', name), 'utf8')
    fs.writeFileSync(path.join(surveysDir, name), text.replace(/^round: .*$/m, ''))
  }
})
afterAll(() => fs.rmSync(surveysDir, { recursive: true, force: true }))

describe.each(appBackends)('first start on $name', (backend) => {
  let opened: AppBackend
  beforeEach(async () => {
    opened = await backend.open()
  })
  afterEach(() => opened.close())

  const seed = (services: AppBackend['one'], lines: string[] = []) =>
    seedDatabase(services, { surveysDir, log: (line) => lines.push(line) })
  const count = async (table: 'users' | 'surveys' | 'survey_rounds') =>
    (await opened.storage.db.selectFrom(table).selectAll().execute()).length
  const auditActions = async () =>
    (await opened.storage.db.selectFrom('audit_log').select(['action', 'target']).orderBy('seq').execute()).map(
      (a) => `${a.action} ${a.target}`,
    )
  async function signsIn(services: AppBackend['one'], { username, password }: DemoLogin): Promise<number> {
    const app = createApp({ services, version: 'test' })
    const res = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    })
    return res.status
  }
  const published = [
    'survey-publish par-2026-commune@1',
    'survey-publish par-2026-department@1',
    'survey-round-set par-2026-commune',
    'survey-round-set par-2026-department',
  ]

  it('publishes the survey files, opens a round for each and makes four accounts that sign in; a restart adds nothing', async () => {
    const lines: string[] = []
    const logins = await seed(opened.one, lines)
    expect(logins.map((l) => `${l.username}:${l.role}`)).toEqual([
      'admin:admin',
      'analyst:analyst',
      'supervisor:supervisor',
      'surveyor:surveyor',
    ])
    for (const login of logins) expect(await signsIn(opened.two, login)).toBe(200)
    expect(lines.filter((l) => l.startsWith('✓ round of'))).toHaveLength(2)
    expect((await auditActions()).sort()).toEqual(published)

    // The next start (or the other server's) publishes nothing, opens nothing, prints no password.
    const again: string[] = []
    expect(await seed(opened.two, again)).toEqual([])
    expect(again).toEqual([])
    expect([await count('users'), await count('surveys'), await count('survey_rounds')]).toEqual([4, 2, 2])
    expect((await auditActions()).sort()).toEqual(published)
  })

  it('two servers starting at once on one empty database make each account, survey and round once', async () => {
    for (let round = 0; round < 3; round++) {
      if (round > 0) {
        await opened.close()
        opened = await backend.open()
      }
      const [one, two] = await Promise.all([seed(opened.one), seed(opened.two)])
      // Exactly one of them made the accounts and returns their log-ins; they work.
      expect([one.length, two.length].sort()).toEqual([0, 4])
      const logins = one.length > 0 ? one : two
      for (const login of logins) expect(await signsIn(opened.one, login)).toBe(200)
      expect([await count('users'), await count('surveys'), await count('survey_rounds')]).toEqual([4, 2, 2])
      expect((await auditActions()).sort()).toEqual(published)
    }
  })
})
