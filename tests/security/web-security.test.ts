import { createApp, type Services } from '@parsurvey/server'
import { makeSurvey } from '@parsurvey/shared/testing'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fromPeer, makeResponse, startTestApp, type TestApp } from '../../server/src/testing/harness.ts'
import { databaseDigest } from '../support/fuzz-endpoints.ts'
import { repoRoot } from '../support/server-process.ts'

const S = 'surveyId=test-2025-district&version=1'
const EVIL = 'https://evil.example'
let t: TestApp
beforeAll(async () => {
  const survey = makeSurvey()
  // A unit name a hostile survey author could write: it reaches the code CSV.
  survey.units[1]!.name = { vi: '=HYPERLINK("http://x","Huyện B")', en: '+cmd|calc' }
  t = await startTestApp({ surveys: [survey] })
})
afterAll(() => t.close())

/** Every state-changing route of the app, with path parameters filled with harmless values. */
function writeRoutes(): { method: string; path: string }[] {
  const seen = new Set<string>()
  return t.app.routes
    .filter((r) => !['ALL', 'GET', 'HEAD', 'OPTIONS'].includes(r.method))
    .map((r) => ({
      method: r.method,
      path: r.path.replace(/:(\w+)(\{[^}]*\})?/g, (_m, name: string) => (name === 'username' ? 'nobody' : '999')),
    }))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && Boolean(seen.add(`${r.method} ${r.path}`)))
}

describe('cross-site request forgery', () => {
  it('refuses every state-changing route called from another site with 403, whatever the content type, and changes nothing', async () => {
    const cookie = await t.login('admin')
    const routes = writeRoutes()
    expect(routes.length).toBeGreaterThan(15)
    for (const route of routes) {
      for (const headers of <Record<string, string>[]>[
        { origin: EVIL, 'content-type': 'application/json' },
        { origin: EVIL, 'content-type': 'text/plain' },
        { origin: 'null', 'content-type': 'application/json' },
        { 'sec-fetch-site': 'cross-site', origin: EVIL, 'content-type': 'application/json' },
        { 'sec-fetch-site': 'same-site', 'content-type': 'application/x-www-form-urlencoded' },
      ]) {
        const before = databaseDigest(t)
        const res = await t.app.request(`${route.path}?${S}`, {
          method: route.method,
          headers: { ...headers, cookie },
          body: '{}',
        })
        expect(res.status, `${route.method} ${route.path} ${JSON.stringify(headers)}`).toBe(403)
        expect(((await res.json()) as { error: { code: string } }).error.code).toMatch(
          /^(cross-site-request|forbidden)$/,
        )
        expect(databaseDigest(t)).toBe(before)
      }
    }
  })

  it('lets our own pages through: same Origin, Sec-Fetch-Site same-origin behind a proxy that rewrites Host, https behind TLS termination by a listed proxy, and clients without Origin', async () => {
    const cookie = await t.login('admin')
    const body = JSON.stringify({ responses: [] })
    const behindProxy = createApp({ services: t.services, version: 'test', trustProxy: ['127.0.0.1'] })
    for (const headers of <Record<string, string>[]>[
      { origin: 'http://localhost' },
      { origin: 'https://parsurvey.example.gov.vn', 'sec-fetch-site': 'same-origin' },
      { origin: 'https://localhost', 'x-forwarded-proto': 'https' },
      {},
    ]) {
      const res = await behindProxy.request(
        '/api/sync',
        { method: 'POST', headers: { ...headers, cookie, 'content-type': 'application/json' }, body },
        fromPeer('127.0.0.1'),
      )
      expect(res.status, JSON.stringify(headers)).toBe(200)
    }
  })
})

describe('session cookie', () => {
  const logIn = (url: string, headers: Record<string, string> = {}) =>
    t.app.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ username: 'analyst', password: 'correct horse battery staple' }),
    })

  it('is HttpOnly, SameSite=Strict, path /, expires with the session, and not Secure over plain http', async () => {
    const res = await logIn('/api/session')
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/^parsurvey_session=[A-Za-z0-9_-]{43};/)
    expect(cookie).toMatch(/; HttpOnly/)
    expect(cookie).toMatch(/; SameSite=Strict/)
    expect(cookie).toMatch(/; Path=\//)
    const expires = Date.parse(/Expires=([^;]+)/.exec(cookie)![1]!)
    const { expiresAt } = (await res.json()) as { expiresAt: string }
    expect(Math.abs(expires - Date.parse(expiresAt))).toBeLessThan(1000)
    expect(cookie).not.toMatch(/Secure/)
  })

  it('is Secure over https and behind a TLS-terminating proxy listed in TRUST_PROXY (x-forwarded-proto)', async () => {
    expect((await logIn('https://localhost/api/session')).headers.get('set-cookie')).toMatch(/; Secure/)
    const behindProxy = createApp({ services: t.services, version: 'test', trustProxy: ['127.0.0.1'] })
    const res = await behindProxy.request(
      '/api/session',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ username: 'analyst', password: 'correct horse battery staple' }),
      },
      fromPeer('127.0.0.1'),
    )
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/)
  })

  it('is cleared on log-out and the token stops working at once', async () => {
    const cookie = await t.login('analyst')
    const out = await t.app.request('/api/session', {
      method: 'DELETE',
      headers: { cookie, origin: 'http://localhost' },
    })
    expect(out.headers.get('set-cookie')).toMatch(/parsurvey_session=;.*Max-Age=0/)
    expect((await t.app.request('/api/session', { headers: { cookie } })).status).toBe(401)
  })
})

describe('Content-Security-Policy', () => {
  function expectStrictCsp(res: Response, what: string) {
    const csp = res.headers.get('content-security-policy') ?? ''
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name = '', ...values]) => [name, values]),
    )
    expect(directives.get('default-src'), what).toEqual(["'self'"])
    expect(directives.get('script-src'), what).toEqual(["'self'"])
    expect(directives.get('object-src'), what).toEqual(["'none'"])
    expect(directives.get('frame-ancestors'), what).toEqual(["'none'"])
    expect(csp, what).not.toMatch(/unsafe-eval/)
    expect(res.headers.get('x-content-type-options'), what).toBe('nosniff')
    expect(res.headers.get('x-frame-options'), what).toBe('DENY')
    expect(res.headers.get('cross-origin-opener-policy'), what).toBe('same-origin')
    // Left out on purpose (app.ts): beside COOP it kept Chromium from caching compiled scripts.
    expect(res.headers.get('origin-agent-cluster'), what).toBeNull()
  }

  it('is on every API answer — JSON, errors, exports, printable slips — with scripts only from our origin', async () => {
    const batch = await t.request('/api/codes/batches', {
      as: 'admin',
      json: { surveyId: 'test-2025-district', version: 1, unitId: 'huyen-a', groupId: 'leader', count: 1 },
    })
    const { id } = (await batch.json()) as { id: number }
    const urls: [string, Record<string, string>][] = [
      ['/api/health', {}],
      ['/api/surveys', { as: 'surveyor' }],
      ['/api/users', {}],
      ['/api/users', { as: 'surveyor' }],
      ['/api/nothing-here', {}],
      [`/api/exports/scores.csv?${S}`, { as: 'admin' }],
      [`/api/codes/batches/${id}/slips`, { as: 'admin' }],
      [`/api/codes/batches/${id}.csv`, { as: 'admin' }],
    ]
    for (const [url, { as }] of urls) {
      const res = await t.request(url, as ? { as } : {})
      await res.arrayBuffer()
      expectStrictCsp(res, url)
    }
    const slips = await (await t.request(`/api/codes/batches/${id}/slips`, { as: 'admin' })).text()
    expect(slips).not.toMatch(/<script|\son\w+=/i)
  })

  it('is on the PWA shell and its fallback, whose HTML has no inline script', async () => {
    const clientDir = path.join(repoRoot, 'client/dist')
    const app = createApp({ services: t.services, clientDir, version: 'test' })
    for (const url of ['/', '/index.html', '/q/some-response', '/r/ABCD']) {
      const res = await app.request(url)
      expect(res.status, url).toBe(200)
      expectStrictCsp(res, url)
      const html = await res.text()
      // Every <script> must load a file: an inline one would be blocked by this CSP.
      for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? [])
        expect(tag, url).toMatch(/^<script\b[^>]*\ssrc="\/[^"]+"[^>]*><\/script>$/)
    }
    expect(fs.existsSync(path.join(clientDir, 'index.html'))).toBe(true)
  })
})

describe('error bodies', () => {
  it('show neither stack traces nor SQL when the database fails under a request', async () => {
    t.db.exec('ALTER TABLE agg_tallies RENAME TO agg_tallies_gone')
    try {
      const res = await t.request(`/api/progress?${S}`, { as: 'admin', headers: { 'accept-language': 'en' } })
      expect(res.status).toBe(500)
      const text = await res.text()
      expect(JSON.parse(text)).toEqual({
        error: { code: 'internal-error', message: expect.stringMatching(/unexpected error/) },
      })
      expect(text).not.toMatch(/agg_tallies|SELECT|SQLITE|\.ts|at /)
    } finally {
      t.db.exec('ALTER TABLE agg_tallies_gone RENAME TO agg_tallies')
    }
  })

  it('show nothing of an exception message that names files and SQL', async () => {
    const leaky: Services = {
      ...t.services,
      surveys: {
        ...t.services.surveys,
        list(): never {
          throw new Error(
            'no such column: secret in SELECT secret FROM users at /srv/parsurvey/server/src/db/users.ts:12:3',
          )
        },
      },
    }
    const app = createApp({ services: leaky, version: 'test' })
    const res = await app.request('/api/surveys', { headers: { cookie: await t.login('surveyor') } })
    expect(res.status).toBe(500)
    expect(await res.text()).not.toMatch(/secret|SELECT|users\.ts|\/srv/)
  })
})

describe('spreadsheet formula injection', () => {
  it('neutralises text that a spreadsheet would run, in response exports and in code lists', async () => {
    const hostile = ['=1+1', '+cmd|calc', '-2+3', '@SUM(A1)', '\t=1', '\r=1']
    const responses = hostile.map((comment, i) =>
      makeResponse({
        answers: { q1: 'good', q2: 'good', q3: 'good', comment },
        paperSerial: undefined,
        deviceId: `d${i}`,
      }),
    )
    await t.request('/api/sync', { as: 'admin', json: { responses } })
    const cells = (text: string) =>
      text
        .split(/\r\n/)
        .flatMap((line) => line.split(','))
        .map((cell) => cell.replace(/^"|"$/g, ''))
    for (const file of ['responses-long.csv', 'responses-wide.csv']) {
      const text = await (await t.request(`/api/exports/${file}?${S}`, { as: 'admin' })).text()
      for (const value of hostile) {
        // A line break starts a cell too: the formula after it gets its own apostrophe.
        const expected = `'${value.replace(/\r=/, "\r'=")}`
        expect(text, `${file} ${JSON.stringify(value)}`).toContain(expected)
      }
      expect(cells(text).filter((cell) => /^[=+@\t\r]/.test(cell))).toEqual([])
    }
    const batch = await t.request('/api/codes/batches', {
      as: 'admin',
      json: { surveyId: 'test-2025-district', version: 1, unitId: 'huyen-b', groupId: 'leader', count: 1 },
    })
    const { id } = (await batch.json()) as { id: number }
    for (const lang of ['vi', 'en']) {
      const csv = await (
        await t.request(`/api/codes/batches/${id}.csv`, { as: 'admin', headers: { 'accept-language': lang } })
      ).text()
      expect(
        cells(csv.replace(/^\uFEFF/, '')).filter((cell) => /^[=+\-@\t\r]/.test(cell)),
        lang,
      ).toEqual([])
    }
  })

  it('neutralises a formula after a ";" or a line break inside a cell, as Vietnamese Excel splits a CSV on ";"', async () => {
    const hostile = ['a;=1+2*3;b', 'x, y;=1', 'one\n=2+2', 'two\r\n@SUM(A1)', 'list;+1;-1;@x']
    const responses = hostile.map((comment, i) =>
      makeResponse({ answers: { q1: 'good', q2: 'good', q3: 'good', comment }, deviceId: `semi${i}` }),
    )
    await t.request('/api/sync', { as: 'admin', json: { responses } })
    /** The cells Excel makes of a CSV where ";" is the list separator: lines split on ";" only. */
    const vietnameseCells = (text: string) => text.split(/\r\n|\n|\r/).flatMap((line) => line.split(';'))
    for (const file of ['responses-long.csv', 'responses-wide.csv']) {
      const text = await (await t.request(`/api/exports/${file}?${S}`, { as: 'admin' })).text()
      expect(text).toContain("a;'=1+2*3;b")
      const formulas = vietnameseCells(text.replace(/^\uFEFF/, '')).filter((cell) => /^"?[=+\-@\t]/.test(cell))
      expect(formulas, file).toEqual([])
    }
  })
})
