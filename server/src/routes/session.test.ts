import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorOf, PASSWORD, startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

describe('POST /api/session', () => {
  it('logs in with the right password and sets an HttpOnly, SameSite session cookie', async () => {
    const res = await t.request('/api/session', { json: { username: 'surveyor', password: PASSWORD } })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ user: { username: 'surveyor', role: 'surveyor', units: ['huyen-a'] } })
    const cookie = res.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^parsurvey_session=[\w-]{40,};/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
  })

  it('answers 401 with a Vietnamese message by default and an English one on request', async () => {
    const vi = await t.request('/api/session', { json: { username: 'surveyor', password: 'wrong' } })
    expect(vi.status).toBe(401)
    expect(await vi.json()).toEqual({
      error: { code: 'invalid-credentials', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' },
    })
    const en = await t.request('/api/session', {
      json: { username: 'nobody', password: 'wrong' },
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    })
    expect(en.status).toBe(401)
    expect((await errorOf(en)).message).toBe('The username or password is not correct.')
  })

  it('names the missing field', async () => {
    const res = await t.request('/api/session', {
      json: { username: 'surveyor' },
      headers: { 'accept-language': 'en' },
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: { code: 'required-field', field: 'password', message: 'The required field "password" is missing.' },
    })
  })

  it('refuses a body that is not JSON with a 400, not a crash', async () => {
    const res = await t.request('/api/session', {
      body: '{"username":',
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status).toBe(400)
    expect((await errorOf(res)).code).toBe('invalid-json')
  })
})

describe('GET and DELETE /api/session', () => {
  it('knows the user from the cookie, and forgets them after log-out', async () => {
    const cookie = await t.login('analyst')
    const me = await t.app.request('/api/session', { headers: { cookie } })
    expect(me.status).toBe(200)
    expect(((await me.json()) as { user: { role: string } }).user.role).toBe('analyst')
    // A browser sends Origin on a DELETE; without it the CSRF guard refuses (tested below).
    const out = await t.app.request('/api/session', {
      method: 'DELETE',
      headers: { cookie, origin: 'http://localhost' },
    })
    expect(out.status).toBe(204)
    const again = await t.app.request('/api/session', { headers: { cookie } })
    expect(again.status).toBe(401)
    expect((await errorOf(again)).code).toBe('not-authenticated')
  })
})

describe('the API around the routes', () => {
  it('refuses a state-changing request from another site (CSRF)', async () => {
    const cookie = await t.login('analyst')
    const res = await t.app.request('/api/session', {
      method: 'DELETE',
      headers: { cookie, origin: 'https://evil.example' },
    })
    expect(res.status).toBe(403)
    const still = await t.app.request('/api/session', { headers: { cookie } })
    expect(still.status).toBe(200)
  })

  it('answers health with status and version', async () => {
    const res = await t.request('/api/health')
    expect(await res.json()).toEqual({ status: 'ok', version: 'test' })
  })

  it('answers unknown API routes 404 as JSON', async () => {
    const res = await t.request('/api/nothing-here')
    expect(res.status).toBe(404)
    expect((await errorOf(res)).code).toBe('not-found')
  })

  it('sends security headers on every answer', async () => {
    const res = await t.request('/api/health')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
  })
})
