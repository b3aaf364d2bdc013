import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Actor } from '../accounts/account-rules.ts'
import type { AccountActionsRepository, NewAccount } from '../db/account-actions.ts'
import type { SessionsRepository } from '../db/sessions.ts'
import { portVariants, type PortCase } from '../testing/port-engines.ts'
import { accountActionStore } from './account-action-store.ts'
import { auditStore } from './audit-store.ts'
import type { Async } from './backend.ts'
import { sessionStore } from './session-store.ts'
import { userStore } from './user-store.ts'

type Ports = { accounts: Async<AccountActionsRepository>; sessions: Async<SessionsRepository> }

const variants = portVariants<Ports>(
  (services) => ({ accounts: services.accounts, sessions: services.sessions }),
  (storage) => ({ accounts: accountActionStore(storage), sessions: sessionStore(storage.db) }),
)

const CLI: Actor = { userId: null, via: 'cli' }
const account = (username: string, role: NewAccount['role'] = 'admin'): NewAccount => ({
  username,
  role,
  units: role === 'surveyor' ? ['xa-1'] : 'all',
  passwordHash: 'x',
  passwordGenerated: false,
})
const refused = (code: string, status: number) => expect.objectContaining({ code, status })

/**
 * Account actions and the log-in's last step (db/account-actions.ts behind its port, the Kysely
 * store on SQLite and PostgreSQL): each decides on the account as it is inside its transaction,
 * also when two app servers act at once.
 */
describe.each(variants)('account actions through $name', (variant) => {
  let c: PortCase<Ports>
  let second: Ports
  beforeEach(async () => {
    c = await variant.open()
    second = await c.second()
  })
  afterEach(() => c.drop())
  const audit = () => auditStore(c.storage.db).list()

  it('creates an account with its audit entry, and refuses a name taken in another letter case', async () => {
    const lan = await c.port.accounts.create({ ...account('lan', 'surveyor'), passwordGenerated: true }, CLI)
    expect(lan).toMatchObject({ username: 'lan', role: 'surveyor', units: ['xa-1'], disabled: false })
    await expect(second.accounts.create(account('LAN'), { userId: lan.id, via: 'api' })).rejects.toEqual(
      refused('user-username-taken', 409),
    )
    const entries = await audit()
    expect(entries.map((e) => [e.action, e.target])).toEqual([['cli-user-create', 'user:lan']])
    expect(entries[0]!.after).toEqual({
      username: 'lan',
      role: 'surveyor',
      units: ['xa-1'],
      disabled: false,
      passwordGenerated: true,
    })
  })

  it('keeps one active admin when two servers each disable one of the last two at once', async () => {
    const [a, b] = [
      await c.port.accounts.create(account('an'), CLI),
      await c.port.accounts.create(account('binh'), CLI),
    ]
    const outcomes = await Promise.allSettled([
      c.port.accounts.setDisabled('an', true, { userId: b.id, via: 'api' }),
      second.accounts.setDisabled('binh', true, { userId: a.id, via: 'api' }),
    ])
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: refused('user-last-admin', 409) })
    expect(await userStore(c.storage.db).enabledAdminCount()).toBe(1)
    // Nor by taking the role away: the last active admin stays one.
    const left = outcomes[0]!.status === 'fulfilled' ? 'binh' : 'an'
    await expect(second.accounts.update(left, { role: 'analyst' }, CLI)).rejects.toEqual(
      refused('user-last-admin', 409),
    )
  })

  it('opens a session and records the log-in, unless the account was disabled since', async () => {
    await c.port.accounts.create(account('quan-tri'), CLI)
    const hoa = await c.port.accounts.create(account('hoa', 'surveyor'), CLI)
    const at = new Date('2025-10-01T08:00:00Z')
    const session = await c.port.accounts.logIn(hoa.id, at)
    expect(await second.sessions.userIdFor(session!.token, at)).toBe(hoa.id)
    expect((await userStore(c.storage.db).findAccount('hoa'))?.lastLoginAt).toBe(at.toISOString())
    const disabled = await second.accounts.setDisabled('hoa', true, CLI)
    expect(disabled.disabled).toBe(true)
    expect(await c.port.sessions.userIdFor(session!.token, at)).toBeUndefined()
    expect(await c.port.accounts.logIn(hoa.id, new Date('2025-10-02T08:00:00Z'))).toBeUndefined()
    expect((await userStore(c.storage.db).findAccount('hoa'))?.lastLoginAt).toBe(at.toISOString())
    expect((await audit())[0]).toMatchObject({ action: 'cli-user-disable', after: { sessionsEnded: 1 } })
    await expect(c.port.accounts.setDisabled('hoa', true, CLI)).rejects.toEqual(refused('user-already-disabled', 409))
  })

  it('sets a new password and ends every session, naming no password in the audit log', async () => {
    const minh = await c.port.accounts.create(account('minh', 'surveyor'), CLI)
    await c.port.accounts.logIn(minh.id)
    await second.accounts.logIn(minh.id)
    await second.accounts.setPassword('minh', 'scrypt$new', true, { userId: null, via: 'cli' })
    const rows = await c.storage.db.selectFrom('sessions').select('user_id').execute()
    expect(rows).toEqual([])
    const [entry] = await audit()
    expect(entry).toMatchObject({
      action: 'cli-user-reset-password',
      after: { passwordGenerated: true, sessionsEnded: 2 },
    })
    expect(JSON.stringify(entry)).not.toContain('scrypt')
    await expect(c.port.accounts.setPassword('khong-co', 'x', false, CLI)).rejects.toEqual(
      refused('user-not-found', 404),
    )
  })
})
