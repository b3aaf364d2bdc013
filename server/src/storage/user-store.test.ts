import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from '../auth/password.ts'
import { storageEngines } from '../testing/storage-engines.ts'
import { auditStore } from './audit-store.ts'
import type { Storage } from './open-storage.ts'
import { userStore, type NewUser } from './user-store.ts'

const lan: NewUser = { username: 'lan', passwordHash: 'x', role: 'surveyor', units: ['xa-2', 'xa-1'] }

describe.each(storageEngines)('accounts and the audit log on $name', (engine) => {
  let storage: Storage
  let second: Storage
  let drop: () => Promise<void>
  beforeAll(async () => {
    const opened = await engine.open()
    ;({ storage, drop } = opened)
    second = await opened.other()
  })
  afterAll(() => drop())
  // Accounts are referenced by the audit log, which is append-only: each test uses its own names.
  let n = 0
  const fresh = (name: string) => `${name}${++n}`

  describe('users', () => {
    let password: string
    let passwordHash: string
    beforeAll(async () => {
      password = 'đúng-mật-khẩu-1'
      passwordHash = await hashPassword(password)
    })

    it('creates an account on one server that the other finds, with its units and verifier', async () => {
      const username = fresh('lan')
      const created = await userStore(storage.db).create({ ...lan, username, passwordHash })
      expect(created).toMatchObject({ username, role: 'surveyor', units: ['xa-1', 'xa-2'], disabled: false })
      const found = await userStore(second.db).findForLogin(username)
      expect(found?.user).toEqual(created)
      expect(await verifyPassword(password, found!.passwordHash)).toBe(true)
      expect(await verifyPassword('sai-mat-khau-1', found!.passwordHash)).toBe(false)
      // A new password set through the second server is the only one the first accepts.
      await userStore(second.db).setPasswordHash(found!.user.id, await hashPassword('mật-khẩu-mới-2'))
      const again = await userStore(storage.db).findForLogin(username)
      expect(await verifyPassword(password, again!.passwordHash)).toBe(false)
      expect(await verifyPassword('mật-khẩu-mới-2', again!.passwordHash)).toBe(true)
    })

    it('finds a username in any letter case, and nothing for Unicode or whitespace look-alikes', async () => {
      const username = fresh('kim')
      await userStore(storage.db).create({ ...lan, username, passwordHash })
      const users = userStore(second.db)
      for (const variant of [username, username.toUpperCase(), `K${username.slice(1)}`])
        expect((await users.findForLogin(variant))?.user.username).toBe(username)
      expect((await users.findAccount(username.toUpperCase()))?.username).toBe(username)
      const lookAlikes = [
        `\u212A${username.slice(1)}`, // Kelvin sign
        `ｋ${username.slice(1)}`, // full-width
        `kìm${username.slice(3)}`,
        ` ${username}`,
        `${username}\u200b`,
        `${username} `,
      ]
      for (const variant of lookAlikes) expect(await users.findForLogin(variant)).toBeUndefined()
    })

    it('refuses a name taken in another letter case, and two servers creating it at once make one account', async () => {
      const username = fresh('minh')
      expect(await userStore(storage.db).create({ ...lan, username, passwordHash })).not.toBe('taken')
      expect(await userStore(second.db).create({ ...lan, username: username.toUpperCase(), passwordHash })).toBe(
        'taken',
      )
      const racing = fresh('hoa')
      const outcomes = await Promise.all([
        userStore(storage.db).create({ ...lan, username: racing, passwordHash }),
        userStore(second.db).create({ ...lan, username: racing.toUpperCase(), passwordHash }),
      ])
      expect(outcomes.filter((o) => o === 'taken')).toHaveLength(1)
      const all = await userStore(storage.db).list()
      expect(all.filter((u) => u.username.toLowerCase() === racing)).toHaveLength(1)
    })

    it('changes role, units, disabled state and last log-in as admins see them', async () => {
      const username = fresh('an')
      const created = await userStore(storage.db).create({ ...lan, username, passwordHash })
      if (created === 'taken') throw new Error('taken')
      const admins = await userStore(storage.db).enabledAdminCount()
      await userStore(second.db).assign(created.id, 'admin', 'all')
      expect(await userStore(storage.db).enabledAdminCount()).toBe(admins + 1)
      await userStore(second.db).setDisabled(created.id, new Date('2025-10-02T00:00:00Z'))
      await userStore(second.db).recordLogin(created.id, new Date('2025-10-01T00:00:00Z'))
      expect(await userStore(storage.db).findAccount(username)).toMatchObject({
        role: 'admin',
        units: 'all',
        disabled: true,
        disabledAt: '2025-10-02T00:00:00.000Z',
        lastLoginAt: '2025-10-01T00:00:00.000Z',
      })
      expect(await userStore(storage.db).enabledAdminCount()).toBe(admins)
      await userStore(storage.db).assign(created.id, 'supervisor', ['xa-3'])
      expect((await userStore(second.db).findById(created.id))?.units).toEqual(['xa-3'])
    })
  })

  describe('audit log', () => {
    it('keeps an account and its audit entry together, or neither', async () => {
      const username = fresh('thu')
      await expect(
        storage.db.transaction().execute(async (trx) => {
          await userStore(trx).create({ ...lan, username, passwordHash: 'x' })
          await auditStore(trx).record({ userId: null, action: 'cli-user-create', target: `user:${username}` })
          throw new Error('the action failed after its entry was written')
        }),
      ).rejects.toThrow('the action failed')
      expect(await userStore(second.db).findAccount(username)).toBeUndefined()
      const entries = await auditStore(second.db).list()
      expect(entries.some((e) => e.target === `user:${username}`)).toBe(false)
    })

    it('appends from two servers at once, lists newest first with usernames, page by page', async () => {
      const actor = await userStore(storage.db).create({
        ...lan,
        username: fresh('admin'),
        role: 'admin',
        units: 'all',
      })
      if (actor === 'taken') throw new Error('taken')
      const before = (await auditStore(storage.db).list({ limit: 1 }))[0]?.seq ?? 0
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          auditStore((i % 2 ? storage : second).db).record({
            userId: i % 3 ? actor.id : null,
            action: 'user-update',
            target: `user:x${i}`,
            before: { role: 'surveyor' },
            after: { role: 'supervisor', units: ['xa-1'] },
          }),
        ),
      )
      const first = await auditStore(second.db).list({ limit: 20 })
      const rest = await auditStore(storage.db).list({ before: first.at(-1)!.seq, limit: 20 })
      const mine = [...first, ...rest].filter((e) => e.seq > before)
      expect(mine).toHaveLength(30)
      expect(new Set(mine.map((e) => e.target)).size).toBe(30)
      const seqs = mine.map((e) => e.seq)
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a))
      const byActor = mine.find((e) => e.userId === actor.id)!
      expect(byActor).toMatchObject({
        username: actor.username,
        action: 'user-update',
        before: { role: 'surveyor' },
        after: { role: 'supervisor', units: ['xa-1'] },
      })
      expect(mine.find((e) => e.userId === null)?.username).toBeNull()
    })

    it('refuses to change or delete an entry', async () => {
      await auditStore(storage.db).record({ userId: null, action: 'cli-user-list' })
      await expect(storage.db.updateTable('audit_log').set({ action: 'nothing' }).execute()).rejects.toThrow(
        'the audit log is append-only',
      )
      await expect(second.db.deleteFrom('audit_log').execute()).rejects.toThrow('the audit log is append-only')
    })
  })
})
