import { canonicalJson } from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

type Issues = { error: { code: string; message: string }; issues: { path: string; code: string; message: string }[] }

const upload = (body: string, options: { type?: string; as?: string; query?: string; lang?: string } = {}) =>
  t.request(`/api/surveys${options.query ?? ''}`, {
    method: 'POST',
    body,
    as: options.as ?? 'admin',
    headers: { 'content-type': options.type ?? 'application/yaml', 'accept-language': options.lang ?? 'vi' },
  })

const brokenYaml = `id: broken
version: 1
year: 1990
unitKind: district
surveyPoints: 32
selfAssessmentPoints: 68
dontKnow: maybe
`

describe('POST /api/surveys', () => {
  it('lists every problem of an invalid survey at once, in Vietnamese', async () => {
    const res = await upload(brokenYaml)
    expect(res.status).toBe(422)
    const body = (await res.json()) as Issues
    expect(body.error.code).toBe('survey-invalid')
    expect(body.error.message).toContain('lỗi')
    expect(body.issues.length).toBeGreaterThanOrEqual(5)
    const paths = body.issues.map((i) => i.path)
    expect(paths).toEqual(
      expect.arrayContaining(['year', 'dontKnow', 'title', 'groups', 'units', 'criteria', 'questions']),
    )
    expect(body.issues.every((i) => i.message.length > 0 && i.code.startsWith('survey-'))).toBe(true)
  })

  it('answers the same issues in English when asked', async () => {
    const vi = ((await (await upload(brokenYaml)).json()) as Issues).issues
    const en = ((await (await upload(brokenYaml, { lang: 'en' })).json()) as Issues).issues
    expect(en.map((i) => i.code)).toEqual(vi.map((i) => i.code))
    expect(en.map((i) => i.message)).not.toEqual(vi.map((i) => i.message))
    expect(((await (await upload(brokenYaml, { lang: 'en' })).json()) as Issues).error.message).toMatch(
      /problems to fix/,
    )
  })

  it('reports a YAML syntax error with its line instead of failing', async () => {
    const res = await upload('id: [unclosed\nversion: 1\n', { lang: 'en' })
    expect(res.status).toBe(422)
    const body = (await res.json()) as Issues
    expect(body.issues[0]!.code).toBe('survey-syntax')
  })

  it('publishes a new version, then treats identical content as already published', async () => {
    const survey = makeSurvey({ id: 'new-survey', version: 1 })
    const first = await upload(canonicalJson(survey), { type: 'application/json' })
    expect(first.status).toBe(201)
    const created = (await first.json()) as { id: string; version: number; hash: string; created: boolean }
    expect(created).toMatchObject({ id: 'new-survey', version: 1, created: true })
    expect(created.hash).toMatch(/^[0-9a-f]{64}$/)

    const again = await upload(JSON.stringify(survey, null, 2), { type: 'application/json' })
    expect(again.status).toBe(200)
    expect(await again.json()).toMatchObject({ created: false, hash: created.hash })

    const download = await t.request('/api/surveys/new-survey/versions/1', { as: 'surveyor' })
    expect(download.headers.get('etag')).toBe(`"${created.hash}"`)
    const audit = t.db
      .prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'survey-publish' AND target = 'new-survey@1'")
      .pluck()
      .get()
    expect(audit).toBe(1)
  })

  it('refuses different content under a published version, leaving the published one untouched', async () => {
    const before = await (await t.request('/api/surveys/test-2025-district/versions/1', { as: 'admin' })).text()
    const changed = makeSurvey({ title: { vi: 'Tiêu đề khác', en: 'Another title' } })
    const res = await upload(JSON.stringify(changed), { type: 'application/json' })
    expect(res.status).toBe(409)
    expect(((await res.json()) as Issues).error.code).toBe('survey-version-exists')
    expect(await (await t.request('/api/surveys/test-2025-district/versions/1', { as: 'admin' })).text()).toBe(before)
  })

  it('validates only with dryRun, storing nothing', async () => {
    const survey = makeSurvey({ id: 'dry', version: 1 })
    // text/plain is a form type: the CSRF check wants the page's own Origin, as a browser sends.
    const res = await t.request('/api/surveys?dryRun=1', {
      body: JSON.stringify(survey),
      as: 'admin',
      headers: { 'content-type': 'text/plain', origin: 'http://localhost' },
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ id: 'dry', created: true, dryRun: true })
    expect((await t.request('/api/surveys/dry/versions/1', { as: 'admin' })).status).toBe(404)
  })

  it('is for admins only, while every role may read surveys', async () => {
    expect((await upload('{}', { as: 'analyst' })).status).toBe(403)
    expect((await upload('{}', { as: 'surveyor' })).status).toBe(403)
    expect((await t.request('/api/surveys', { as: 'surveyor' })).status).toBe(200)
  })

  it('refuses a body type it cannot read with 415', async () => {
    const res = await upload('x', { type: 'image/png' })
    expect(res.status).toBe(415)
  })
})
