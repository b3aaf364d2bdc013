import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PASSWORD, startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

const en = { 'accept-language': 'en' }
type Json = Record<string, unknown> & { error: { code: string; field?: string; message: string } }
const json = async (res: Response) => (await res.json()) as Json
const logIn = (username: string, password: string) =>
  t.app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
const auditRows = () =>
  t.db.prepare('SELECT action, target, before, after, user_id AS userId FROM audit_log ORDER BY seq').all() as {
    action: string
    target: string
    before: string | null
    after: string | null
    userId: number | null
  }[]

describe('GET /api/users', () => {
  it('lists every account with its units, disabled state and last log-in', async () => {
    await t.login('surveyor')
    const res = await t.request('/api/users', { as: 'admin' })
    expect(res.status).toBe(200)
    const { users } = (await res.json()) as {
      users: { username: string; units: unknown; disabled: boolean; lastLoginAt: string | null }[]
    }
    expect(users.map((u) => u.username)).toEqual(['admin', 'analyst', 'supervisor', 'surveyor'])
    const surveyor = users.find((u) => u.username === 'surveyor')!
    expect(surveyor).toMatchObject({ units: ['huyen-a'], disabled: false })
    expect(Date.parse(surveyor.lastLoginAt ?? '')).not.toBeNaN()
    expect(users.find((u) => u.username === 'analyst')!.lastLoginAt).toBeNull()
    expect(JSON.stringify(users)).not.toMatch(/scrypt|password/i)
  })

  it('is for admins only', async () => {
    expect((await t.request('/api/users')).status).toBe(401)
    expect((await t.request('/api/users', { as: 'analyst' })).status).toBe(403)
  })
})

describe('POST /api/users', () => {
  it('creates an account with a generated password, returned once, that logs in', async () => {
    const res = await t.request('/api/users', {
      as: 'admin',
      json: { username: 'khanh.nv', role: 'surveyor', units: ['huyen-b', 'huyen-a'] },
    })
    expect(res.status).toBe(201)
    const body = (await res.json()) as { user: { username: string; units: string[] }; password: string }
    expect(body.user).toMatchObject({ username: 'khanh.nv', units: ['huyen-a', 'huyen-b'] })
    expect(body.password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/)
    expect((await logIn('khanh.nv', body.password)).status).toBe(200)
    const list = await json(await t.request('/api/users', { as: 'admin' }))
    expect(JSON.stringify(list)).not.toContain(body.password)
  })

  it('uses a given password of 10 or more characters and returns no password', async () => {
    const res = await t.request('/api/users', {
      as: 'admin',
      json: { username: 'lan', role: 'analyst', password: 'mat-khau-dai' },
    })
    expect(res.status).toBe(201)
    const body = await json(res)
    expect(body.password).toBeUndefined()
    expect(body.user).toMatchObject({ role: 'analyst', units: 'all' })
    expect((await logIn('lan', 'mat-khau-dai')).status).toBe(200)
  })

  it.each([
    [{ username: 'Ab', role: 'surveyor', units: 'all' }, 'user-username-invalid', 'username'],
    [{ username: 'nguyễn', role: 'surveyor', units: 'all' }, 'user-username-invalid', 'username'],
    [{ username: 'x'.repeat(41), role: 'surveyor', units: 'all' }, 'user-username-invalid', 'username'],
    [{ role: 'surveyor', units: 'all' }, 'required-field', 'username'],
    [{ username: 'binh', role: 'boss', units: 'all' }, 'user-role-unknown', 'role'],
    [{ username: 'binh', role: 'surveyor' }, 'required-field', 'units'],
    [{ username: 'binh', role: 'surveyor', units: [] }, 'user-units-invalid', 'units'],
    [{ username: 'binh', role: 'surveyor', units: ['ok', 7] }, 'user-units-invalid', 'units.1'],
    [{ username: 'binh', role: 'analyst', units: ['huyen-a'] }, 'user-units-not-applicable', 'units'],
    [{ username: 'binh', role: 'surveyor', units: 'all', password: 'short' }, 'user-password-too-short', 'password'],
  ])('refuses %j with %s naming %s', async (input, code, field) => {
    const res = await t.request('/api/users', { as: 'admin', json: input, headers: en })
    expect(res.status).toBe(400)
    expect((await json(res)).error).toMatchObject({ code, field })
    expect(t.services.sqlite.users.count()).toBe(4)
  })

  it('answers 409 for a username that is taken', async () => {
    const res = await t.request('/api/users', {
      as: 'admin',
      json: { username: 'surveyor', role: 'surveyor', units: 'all' },
      headers: en,
    })
    expect(res.status).toBe(409)
    expect((await json(res)).error).toMatchObject({ code: 'user-username-taken', field: 'username' })
  })
})

describe('changing accounts', () => {
  it('changes role and units, auditing before and after', async () => {
    const res = await t.request('/api/users/surveyor', {
      as: 'admin',
      method: 'PATCH',
      json: { role: 'supervisor', units: ['huyen-b'] },
    })
    expect(res.status).toBe(200)
    expect((await json(res)).user).toMatchObject({ role: 'supervisor', units: ['huyen-b'] })
    const entry = auditRows().at(-1)!
    expect(entry.action).toBe('user-update')
    expect(JSON.parse(entry.before!)).toMatchObject({ role: 'surveyor', units: ['huyen-a'] })
    expect(JSON.parse(entry.after!)).toMatchObject({ role: 'supervisor', units: ['huyen-b'] })
  })

  it('keeps the units when a surveyor becomes a supervisor, and gives analysts every unit', async () => {
    const kept = await json(
      await t.request('/api/users/surveyor', { as: 'admin', method: 'PATCH', json: { role: 'supervisor' } }),
    )
    expect(kept.user).toMatchObject({ role: 'supervisor', units: ['huyen-a'] })
    const analyst = await json(
      await t.request('/api/users/surveyor', { as: 'admin', method: 'PATCH', json: { role: 'analyst' } }),
    )
    expect(analyst.user).toMatchObject({ role: 'analyst', units: 'all' })
    const back = await t.request('/api/users/surveyor', {
      as: 'admin',
      method: 'PATCH',
      json: { role: 'surveyor' },
      headers: en,
    })
    expect((await json(back)).error).toMatchObject({ code: 'required-field', field: 'units' })
  })

  it('answers 404 for an unknown account', async () => {
    const res = await t.request('/api/users/nobody', { as: 'admin', method: 'PATCH', json: { role: 'analyst' } })
    expect(res.status).toBe(404)
    expect((await json(res)).error.code).toBe('user-not-found')
  })

  it('disabling ends the sessions of the account and refuses its log-in; enabling lets it back in', async () => {
    const cookie = await t.login('surveyor')
    const res = await t.request('/api/users/surveyor/disable', { as: 'admin', json: {} })
    expect(res.status).toBe(200)
    expect((await json(res)).user).toMatchObject({ disabled: true })
    expect((await t.app.request('/api/session', { headers: { cookie } })).status).toBe(401)
    expect(
      t.db
        .prepare('SELECT COUNT(*) FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = ?)')
        .pluck()
        .get('surveyor'),
    ).toBe(0)
    expect((await logIn('surveyor', PASSWORD)).status).toBe(401)
    expect((await t.request('/api/users/surveyor/disable', { as: 'admin', json: {} })).status).toBe(409)
    expect((await t.request('/api/users/surveyor/enable', { as: 'admin', json: {} })).status).toBe(200)
    expect((await logIn('surveyor', PASSWORD)).status).toBe(200)
    expect(
      auditRows()
        .map((r) => r.action)
        .slice(-2),
    ).toEqual(['user-disable', 'user-enable'])
  })

  it('never disables or demotes the last active admin', async () => {
    const disable = await t.request('/api/users/admin/disable', { as: 'admin', json: {} })
    expect(disable.status).toBe(409)
    expect((await json(disable)).error.code).toBe('user-last-admin')
    const demote = await t.request('/api/users/admin', { as: 'admin', method: 'PATCH', json: { role: 'analyst' } })
    expect(demote.status).toBe(409)
    await t.request('/api/users', { as: 'admin', json: { username: 'admin2', role: 'admin' } })
    expect(
      (await t.request('/api/users/admin', { as: 'admin', method: 'PATCH', json: { role: 'analyst' } })).status,
    ).toBe(200)
  })

  it('resets a password: generated or given, old sessions end, the audit holds no password nor hash', async () => {
    const cookie = await t.login('surveyor')
    const generated = await json(await t.request('/api/users/surveyor/password', { as: 'admin', json: {} }))
    expect(generated.password).toEqual(expect.any(String))
    expect((await t.app.request('/api/session', { headers: { cookie } })).status).toBe(401)
    expect((await logIn('surveyor', PASSWORD)).status).toBe(401)
    expect((await logIn('surveyor', generated.password as string)).status).toBe(200)

    const given = await t.request('/api/users/surveyor/password', {
      as: 'admin',
      json: { password: 'mot-mat-khau-moi' },
    })
    expect((await json(given)).password).toBeUndefined()
    expect((await logIn('surveyor', 'mot-mat-khau-moi')).status).toBe(200)
    const tooShort = await t.request('/api/users/surveyor/password', { as: 'admin', json: { password: '123' } })
    expect((await json(tooShort)).error).toMatchObject({ code: 'user-password-too-short', field: 'password' })

    const audit = JSON.stringify(auditRows())
    expect(audit).not.toMatch(/scrypt/)
    expect(audit).not.toContain('mot-mat-khau-moi')
    expect(audit).not.toContain(generated.password as string)
    expect(auditRows().filter((r) => r.action === 'user-reset-password')).toHaveLength(2)
  })
})
