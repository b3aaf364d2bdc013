import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeRegisterSurvey } from '@parsurvey/shared/testing'
import { LOOKUP_LIMITS } from '../codes/lookup-limiter.ts'
import { applyRegister } from '../register/import.ts'
import { personalCode } from '../register/personal-code.ts'
import { startTestApp, type TestApp } from '../testing/harness.ts'
import { randomUUID } from 'node:crypto'

let t: TestApp
let code: string
beforeEach(async () => {
  t = await startTestApp({ surveys: [makeRegisterSurvey()] })
  const header = ['name', 'organisation', 'group', 'email', 'units']
  const outcome = await applyRegister(
    t.services,
    'test-2026-department',
    {
      format: 'csv',
      header,
      rows: [{ line: 2, cells: ['Nguyễn Văn Riêng', 'Sở Y tế', 'dept-leader', 'rieng@x.vn', 'all'] }],
    },
    { userId: null, source: 'test', locale: 'en' },
  )
  expect('applied' in outcome).toBe(true)
  code = personalCode(t.services, (await t.services.respondents.list('test-2026-department'))[0]!)
})
afterEach(() => t.close())

const answers = { q1: 'good', q2: 'fair' }
const send = (unitId: string, id = randomUUID()) =>
  t.request(`/api/respond/${code}/units/${unitId}`, {
    json: {
      id,
      answers,
      startedAt: '2026-10-02T08:00:00.000+07:00',
      submittedAt: '2026-10-02T08:05:00.000+07:00',
    },
    headers: { origin: 'http://localhost' },
  })

describe('several units in one sitting (server)', () => {
  it('opens the sitting with the units the person rates, never their own', async () => {
    const res = await t.request(`/api/respond/${code.toLowerCase()}`)
    expect(res.status).toBe(200)
    const grant = (await res.json()) as { kind: string; groupId: string; units: { unitId: string }[] }
    expect(grant.kind).toBe('register')
    expect(grant.groupId).toBe('dept-leader')
    expect(grant.units.map((u) => u.unitId)).toEqual(['so-noi-vu', 'so-tai-chinh'])
    expect(JSON.stringify(grant)).not.toContain('Riêng')
  })

  it('stores each unit as one ordinary response, once; a retry gets the first receipt', async () => {
    const id = randomUUID()
    const first = await send('so-noi-vu', id)
    expect(first.status).toBe(201)
    const again = await send('so-noi-vu', id)
    expect(again.status).toBe(200)
    expect(((await again.json()) as { status: string }).status).toBe('duplicate')
    expect((await send('so-noi-vu')).status).toBe(410)
    expect((await send('so-y-te')).status).toBe(404)
    const stored = t.db.prepare('SELECT unit_id, group_id, channel FROM responses').all()
    expect(stored).toEqual([{ unit_id: 'so-noi-vu', group_id: 'dept-leader', channel: 'online' }])
    const opened = (await (await t.request(`/api/respond/${code}`)).json()) as { units: unknown[] }
    expect(opened.units).toEqual([
      { unitId: 'so-noi-vu', submitted: true, draft: null },
      { unitId: 'so-tai-chinh', submitted: false, draft: null },
    ])
  })

  it('exports and analyst views carry nothing that names the person', async () => {
    expect((await send('so-noi-vu')).status).toBe(201)
    const q = 'surveyId=test-2026-department&version=1'
    for (const url of [
      `/api/exports/responses-long.csv?${q}`,
      `/api/exports/responses-wide.csv?${q}`,
      `/api/review/responses?${q}`,
      `/api/progress?${q}`,
    ]) {
      const res = await t.request(url, { as: 'analyst' })
      expect(res.status, url).toBe(200)
      const text = await res.text()
      for (const secret of ['Riêng', 'rieng@x.vn', code, code.replace(/-/g, '')])
        expect(text, url).not.toContain(secret)
    }
    expect((await t.request('/api/respondents/test-2026-department', { as: 'analyst' })).status).toBe(403)
  })

  it('guards a personal link as an access code: same form, and after the guessing limit it is refused too', async () => {
    expect(code).toMatch(/^[A-Z0-9]{4}(?:-[A-Z0-9]{4}){3}$/)
    for (let i = 0; i < LOOKUP_LIMITS.limit; i++) expect((await t.request(`/api/respond/WRONG-${i}`)).status).toBe(404)
    const blocked = await t.request(`/api/respond/${code}`, { headers: { 'accept-language': 'vi' } })
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await send('so-noi-vu')).status).toBe(429)
    expect(t.db.prepare('SELECT count(*) AS n FROM responses').get()).toEqual({ n: 0 })
  })
})
