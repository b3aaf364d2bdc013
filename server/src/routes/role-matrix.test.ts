import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../db/users.ts'
import { makeResponse, PASSWORD, startTestApp, type TestApp } from '../testing/harness.ts'

/**
 * Who may call what: every API route × every kind of caller. "Allowed" means the role check let
 * the request through (any status but 401/403: the request bodies below are deliberately empty or
 * name things that do not exist, so nothing is changed; never a 500); "denied" means 401 without a session and
 * 403 with one. Add a route = add one row.
 */
type Caller = Role | 'anonymous'
type Row = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
  json?: unknown
  /** Roles let through; 'everyone' also lets anonymous callers through. */
  allowed: Role[] | 'everyone'
  /** The request ends the session it uses, so it gets a session of its own. */
  freshSession?: boolean
}

const ALL: Role[] = ['admin', 'analyst', 'supervisor', 'surveyor']
const S = 'surveyId=test-2025-district&version=1'
const NO_RESPONSE = '00000000-0000-4000-8000-000000000000'

const ROUTES: Row[] = [
  { method: 'GET', path: '/api/health', allowed: 'everyone' },
  { method: 'GET', path: '/api/ready', allowed: 'everyone' },
  { method: 'GET', path: '/metrics', allowed: ['admin'] },
  { method: 'POST', path: '/api/session', json: {}, allowed: 'everyone' },
  { method: 'GET', path: '/api/session', allowed: ALL },
  { method: 'DELETE', path: '/api/session', allowed: 'everyone', freshSession: true },
  { method: 'GET', path: '/api/surveys', allowed: ALL },
  { method: 'GET', path: '/api/surveys/test-2025-district/versions/1', allowed: ALL },
  { method: 'GET', path: '/api/surveys/test-2025-district/versions/1/workbook', allowed: ALL },
  { method: 'GET', path: '/api/surveys/test-2025-district/versions/1/paper', allowed: ALL },
  { method: 'POST', path: '/api/surveys?dryRun=1', json: {}, allowed: ['admin'] },
  { method: 'PUT', path: '/api/surveys/no-such-survey/round', json: {}, allowed: ['admin'] },
  { method: 'GET', path: '/api/surveys/test-2025-district/double-entry', allowed: ALL },
  { method: 'PUT', path: '/api/surveys/no-such-survey/double-entry', json: {}, allowed: ['admin'] },
  { method: 'GET', path: `/api/review/paper-forms?${S}`, allowed: ['admin', 'analyst', 'supervisor'] },
  { method: 'GET', path: '/api/review/paper-forms/999', allowed: ['admin', 'analyst', 'supervisor'] },
  { method: 'POST', path: '/api/review/paper-forms/999/resolve', json: {}, allowed: ['admin', 'supervisor'] },
  { method: 'POST', path: '/api/sync', json: { responses: [] }, allowed: ['admin', 'supervisor', 'surveyor'] },
  { method: 'GET', path: `/api/sync/receipts?ids=${NO_RESPONSE}`, allowed: ['admin', 'supervisor', 'surveyor'] },
  { method: 'GET', path: `/api/progress?${S}`, allowed: ['admin', 'analyst', 'supervisor'] },
  { method: 'GET', path: `/api/scores?${S}`, allowed: ['admin', 'analyst'] },
  { method: 'GET', path: `/api/scores/previous-year?${S}`, allowed: ['admin', 'analyst'] },
  { method: 'GET', path: `/api/scores/explain?${S}&unitId=huyen-a`, allowed: ['admin', 'analyst'] },
  { method: 'GET', path: `/api/progress/by-surveyor?${S}`, allowed: ['admin', 'analyst', 'supervisor'] },
  { method: 'GET', path: `/api/progress/by-day?${S}`, allowed: ['admin', 'analyst', 'supervisor'] },
  { method: 'GET', path: `/api/exports/progress.csv?${S}`, allowed: ['admin', 'analyst', 'supervisor'] },
  { method: 'GET', path: `/api/exports/progress-by-surveyor.xlsx?${S}`, allowed: ['admin', 'analyst', 'supervisor'] },
  { method: 'GET', path: `/api/exports/progress-by-day.csv?${S}`, allowed: ['admin', 'analyst', 'supervisor'] },
  { method: 'GET', path: `/api/codes/batches?${S}`, allowed: ['admin', 'analyst'] },
  { method: 'POST', path: '/api/codes/batches', json: {}, allowed: ['admin', 'analyst'] },
  { method: 'GET', path: '/api/respond/no-such-code', allowed: 'everyone' },
  { method: 'POST', path: '/api/respond/no-such-code/units/so-noi-vu', json: {}, allowed: 'everyone' },
  { method: 'PUT', path: '/api/respond/no-such-code/units/so-noi-vu/draft', json: {}, allowed: 'everyone' },
  { method: 'GET', path: '/api/respondents/test-2025-district', allowed: ['admin'] },
  { method: 'POST', path: '/api/respondents/test-2025-district/preview', json: {}, allowed: ['admin'] },
  { method: 'POST', path: '/api/respondents/no-such-survey/apply', json: {}, allowed: ['admin'] },
  { method: 'GET', path: '/api/invitations/test-2025-district', allowed: ['admin'] },
  { method: 'PUT', path: '/api/invitations/test-2025-district/texts/invite', json: {}, allowed: ['admin'] },
  { method: 'POST', path: '/api/invitations/test-2025-district/send', json: {}, allowed: ['admin'] },
  { method: 'GET', path: '/api/invitations/test-2025-district/messages', allowed: ['admin'] },
  { method: 'GET', path: '/api/invitations/test-2025-district/invitations.csv', allowed: ['admin'] },
  { method: 'POST', path: '/api/invitations/test-2025-district/mark', json: {}, allowed: ['admin'] },
  { method: 'GET', path: '/api/users', allowed: ['admin'] },
  { method: 'POST', path: '/api/users', json: {}, allowed: ['admin'] },
  { method: 'PATCH', path: '/api/users/nobody', json: {}, allowed: ['admin'] },
  { method: 'POST', path: '/api/users/nobody/disable', json: {}, allowed: ['admin'] },
  { method: 'POST', path: '/api/users/nobody/enable', json: {}, allowed: ['admin'] },
  { method: 'POST', path: '/api/users/nobody/password', json: {}, allowed: ['admin'] },
  { method: 'GET', path: '/api/audit', allowed: ['admin'] },
  { method: 'GET', path: `/api/review/responses?${S}`, allowed: ALL },
  {
    method: 'POST',
    path: `/api/review/responses/${NO_RESPONSE}/void`,
    json: { reason: 'x' },
    allowed: ['admin', 'supervisor'],
  },
  {
    method: 'POST',
    path: `/api/review/responses/${NO_RESPONSE}/restore`,
    json: { reason: 'x' },
    allowed: ['admin', 'supervisor'],
  },
  { method: 'GET', path: '/api/review/conflicts', allowed: ['admin', 'analyst', 'supervisor'] },
  {
    method: 'POST',
    path: '/api/review/conflicts/999/resolve',
    json: { action: 'keep-original', reason: 'x' },
    allowed: ['admin', 'supervisor'],
  },
  { method: 'GET', path: `/api/self-assessment?${S}`, allowed: ['admin', 'analyst'] },
  { method: 'POST', path: `/api/self-assessment/preview?${S}`, json: {}, allowed: ['admin', 'analyst'] },
  { method: 'GET', path: `/api/adjustments?${S}`, allowed: ['admin', 'analyst'] },
  { method: 'POST', path: `/api/adjustments/preview?${S}`, json: {}, allowed: ['admin', 'analyst'] },
  { method: 'POST', path: `/api/adjustments/apply?${S}`, json: {}, allowed: ['admin', 'analyst'] },
  { method: 'GET', path: `/api/results/pack.xlsx?${S}`, allowed: ['admin', 'analyst'] },
  { method: 'GET', path: `/api/results/scorecard?${S}&unitId=huyen-a`, allowed: ['admin', 'analyst'] },
  { method: 'GET', path: '/api/backup', allowed: ['admin'] },
  { method: 'GET', path: `/api/exports/scores.csv?${S}`, allowed: ['admin', 'analyst'] },
  { method: 'GET', path: `/api/exports/responses-long.csv?${S}`, allowed: ['admin', 'analyst', 'supervisor'] },
  { method: 'GET', path: `/api/exports/responses-wide.csv?${S}`, allowed: ['admin', 'analyst', 'supervisor'] },
  { method: 'GET', path: `/api/exports/matrix.csv?${S}`, allowed: ['admin', 'analyst', 'supervisor'] },
  { method: 'GET', path: `/api/quality?${S}`, allowed: ['admin', 'analyst', 'supervisor'] },
  { method: 'GET', path: '/api/codes/batches/999', allowed: ['admin', 'analyst'] },
  { method: 'GET', path: '/api/codes/batches/999.csv', allowed: ['admin', 'analyst'] },
  { method: 'GET', path: '/api/codes/batches/999/slips', allowed: ['admin', 'analyst'] },
  { method: 'POST', path: '/api/respond/no-such-code', json: {}, allowed: 'everyone' },
  { method: 'POST', path: `/api/self-assessment/apply?${S}`, json: {}, allowed: ['admin', 'analyst'] },
  ...(
    ['responses-long', 'responses-wide', 'matrix', 'progress', 'progress-by-surveyor', 'progress-by-day'] as const
  ).flatMap((name) =>
    (['csv', 'xlsx'] as const).map((format): Row => ({
      method: 'GET',
      path: `/api/exports/${name}.${format}?${S}`,
      allowed: ['admin', 'analyst', 'supervisor'],
    })),
  ),
  { method: 'GET', path: `/api/exports/scores.xlsx?${S}`, allowed: ['admin', 'analyst'] },
]

const CALLERS: Caller[] = ['anonymous', ...ALL]

function expected(row: Row, caller: Caller): 'allowed' | 401 | 403 {
  if (row.allowed === 'everyone') return 'allowed'
  if (caller === 'anonymous') return 401
  return row.allowed.includes(caller) ? 'allowed' : 403
}

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

async function call(row: Row, caller: Caller): Promise<number> {
  // Browsers send Origin on every state-changing request; CSRF protection is tested elsewhere.
  const headers: Record<string, string> = { origin: 'http://localhost' }
  if (caller !== 'anonymous') headers.cookie = row.freshSession ? await freshSession(caller) : await cookieOf(caller)
  const init =
    row.json === undefined ? { method: row.method, headers } : { method: row.method, headers, json: row.json }
  const res = await t.request(row.path, init)
  await res.arrayBuffer()
  return res.status
}
/** A session nobody else uses (t.login would replace the one `as:` requests share). */
async function freshSession(role: Role): Promise<string> {
  const res = await t.app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: role, password: PASSWORD }),
  })
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!
}
const cookies = new Map<Caller, string>()
async function cookieOf(role: Role): Promise<string> {
  const known = cookies.get(role)
  if (known) return known
  const cookie = await t.login(role)
  cookies.set(role, cookie)
  return cookie
}

describe('role × route matrix', () => {
  const cases = ROUTES.flatMap((row) => CALLERS.map((caller) => ({ row, caller, want: expected(row, caller) })))
  it.each(cases.map((c) => [`${c.row.method} ${c.row.path}`, c.caller, c.want, c.row] as const))(
    '%s as %s → %s',
    async (_name, caller, want, row) => {
      const status = await call(row, caller)
      if (want === 'allowed') {
        expect([401, 403]).not.toContain(status)
        expect(status).toBeLessThan(500)
      } else expect(status).toBe(want)
    },
  )
})

describe('the matrix covers the whole API', () => {
  /** `/api/codes/batches/:id{[0-9]+}` → a regexp matching the matrix paths of that route. */
  const pattern = (route: string) =>
    new RegExp(
      `^${route
        .replace(/\{[^}]*\}/g, '')
        .replace(/[.]/g, '\\.')
        .replace(/:\w+/g, '[^/?]+')}(\\?.*)?$`,
    )

  it('every route of the app has a row (add a route = add a row)', () => {
    const routes = [...new Set(t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))]
    const missing = routes.filter((route) => {
      const [method, path] = route.split(' ') as [string, string]
      return !ROUTES.some((row) => row.method === method && pattern(path).test(row.path))
    })
    expect(missing).toEqual([])
  })

  it('every export in both formats has a row', async () => {
    const res = await t.request(`/api/exports/no-such-export.csv?${S}`, { as: 'admin' })
    const names = /: (.*)$/.exec(((await res.json()) as { error: { message: string } }).error.message)?.[1] ?? ''
    const listed = names.replace(/\.$/, '').split(', ').filter(Boolean)
    expect(listed.length).toBeGreaterThan(0)
    for (const file of listed)
      expect(
        ROUTES.some((row) => row.path.startsWith(`/api/exports/${file}?`)),
        file,
      ).toBe(true)
  })
})

describe('unit boundaries', () => {
  it('a surveyor cannot read the responses of other units, nor of other surveyors', async () => {
    const other = makeResponse({ unitId: 'huyen-b' })
    const bySupervisor = makeResponse()
    await t.request('/api/sync', { as: 'admin', json: { responses: [other] } })
    await t.request('/api/sync', { as: 'supervisor', json: { responses: [bySupervisor] } })
    for (const query of ['', '&unitId=huyen-b', '&unitId=huyen-a']) {
      const res = await t.request(`/api/review/responses?${S}${query}`, { as: 'surveyor' })
      expect(res.status).toBe(200)
      const ids = ((await res.json()) as { responses: { id: string }[] }).responses.map((r) => r.id)
      expect(ids).not.toContain(other.id)
      expect(ids).not.toContain(bySupervisor.id)
    }
  })

  it('a supervisor cannot void a response of a unit not assigned to them', async () => {
    const other = makeResponse({ unitId: 'huyen-b' })
    await t.request('/api/sync', { as: 'admin', json: { responses: [other] } })
    const res = await t.request(`/api/review/responses/${other.id}/void`, { as: 'supervisor', json: { reason: 'thử' } })
    expect(res.status).toBe(404) // as for an id that does not exist (cross-unit.test.ts)
    expect(t.db.prepare('SELECT COUNT(*) FROM response_voids WHERE response_id = ?').pluck().get(other.id)).toBe(0)
  })
})
