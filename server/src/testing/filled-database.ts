import { generateResponses, type Response } from '@parsurvey/shared'
import { makeRegisterSurvey } from '@parsurvey/shared/testing'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { hashPassword } from '../auth/password.ts'
import { applyRegister } from '../register/import.ts'
import { loadSurveyFiles } from '../seed.ts'
import { openStorage } from '../storage/open-storage.ts'
import { loginLimiterOn } from '../storage/rate-limit-store.ts'
import { makeResponse, PASSWORD, startTestApp, type TestApp } from './harness.ts'

const REGISTER = 'test-2026-department'
const demoSurveys = path.join(import.meta.dirname, '..', '..', '..', 'surveys')
const headers = { origin: 'http://localhost', 'accept-language': 'vi' }

async function ok(res: globalThis.Response, status = 200): Promise<unknown> {
  if (res.status !== status) throw new Error(`${res.url} answered ${res.status}: ${await res.text()}`)
  return res.json()
}

/** Sends responses through POST /api/sync in batches; returns each one's status. */
async function sync(t: TestApp, responses: Response[], as = 'dieu-tra'): Promise<string[]> {
  const statuses: string[] = []
  for (let i = 0; i < responses.length; i += 200) {
    const reply = (await ok(
      await t.request('/api/sync', { json: { responses: responses.slice(i, i + 200) }, as, headers }),
    )) as { results: { status: string }[] }
    statuses.push(...reply.results.map((r) => r.status))
  }
  return statuses
}

/**
 * A database written the way the app writes one, with a row in nearly every table: the demo
 * surveys of surveys/ and a register survey published, accounts and their sessions, responses
 * synced in batches (one resent with other answers: a conflict, accepted as a correction; one
 * voided), a register of named people (Vietnamese names) with invitations marked, submitted
 * sittings and drafts, one-time codes, a paper form keyed under double entry, a self-assessment
 * and adjustments, log-in limits, and the audit entries all of that leaves. Copied with SQLite's backup API to
 * `file` (the app's own folder is removed).
 */
export async function writeFilledDatabase(file: string, responsesPerSurvey = 300): Promise<void> {
  const t = await startTestApp({ surveys: [makeRegisterSurvey()] })
  try {
    const published = await loadSurveyFiles(t.services, demoSurveys, () => {})
    if (published.length < 2) throw new Error(`demo surveys missing in ${demoSurveys}`)
    const passwordHash = await hashPassword(PASSWORD)
    t.services.sqlite.users.create({ username: 'dieu-tra', role: 'surveyor', units: 'all', passwordHash })

    // Field responses to the demo surveys; one of them sent again with other answers.
    const sent: Response[] = []
    for (const survey of published) {
      const batch = [...generateResponses(survey, responsesPerSurvey, `migrate-${survey.id}`)]
      const statuses = await sync(t, batch)
      if (statuses.some((s) => s !== 'stored')) throw new Error(`not stored: ${statuses.join(',')}`)
      sent.push(...batch)
    }
    const [first, second] = sent as [Response, Response]
    const other = sent.find(
      (r) =>
        r !== first &&
        r.surveyId === first.surveyId &&
        r.groupId === first.groupId &&
        JSON.stringify(r.answers) !== JSON.stringify(first.answers),
    )!
    const resend = { ...first, answers: other.answers }
    if ((await sync(t, [resend, first]))[0] !== 'conflict') throw new Error('the resend was not a conflict')
    const { conflicts } = (await ok(
      await t.request(`/api/review/conflicts?surveyId=${first.surveyId}&version=${first.surveyVersion}`, {
        as: 'admin',
        headers,
      }),
    )) as { conflicts: { seq: number }[] }
    await ok(
      await t.request(`/api/review/conflicts/${conflicts[0]!.seq}/resolve`, {
        json: { action: 'accept-new', reason: 'Điều tra viên gửi lại phiếu đã sửa' },
        as: 'admin',
        headers,
      }),
    )
    await ok(
      await t.request(`/api/review/responses/${second.id}/void`, {
        json: { reason: 'Phiếu trùng, hủy' },
        as: 'admin',
        headers,
      }),
    )

    // Score inputs for the first demo survey.
    const key = { surveyId: published[0]!.id, surveyVersion: published[0]!.version }
    const units = published[0]!.units.map((u) => u.id)
    const domains = { [units[0]!]: { [published[0]!.criteria[0]!.id]: 12.5 } }
    t.services.sqlite.selfAssessments.apply(
      key,
      new Map(units.map((u, i) => [u, 40 + (i % 30) + 0.25])),
      1,
      'tự-đánh-giá.csv',
      {
        domains,
      },
    )
    t.services.sqlite.adjustments.apply(
      key,
      [{ unitId: units[0]!, points: -1.5, reason: 'Chậm nộp báo cáo' }],
      1,
      'điều-chỉnh.csv',
    )

    // The register survey: named people, invitations marked, sittings and drafts.
    const people = [
      ['Nguyễn Thị Ánh Tuyết', 'Đại biểu', 'HĐND tỉnh', 'delegate', 'tuyet@example.vn', '0912 345 678', 'all'],
      ['Đặng Quốc Khánh Hưng', 'Phó Trưởng ban', 'Ban Quản lý', 'dept-leader', '', '0387 654 321', 'all'],
    ]
    const header = ['name', 'position', 'organisation', 'group', 'email', 'phone', 'units']
    const register = { format: 'csv' as const, header, rows: people.map((cells, i) => ({ line: i + 2, cells })) }
    await applyRegister(t.services, REGISTER, register, { userId: 1, source: 'danh-sách.csv', locale: 'vi' })
    const { messages } = (await ok(await t.request(`/api/invitations/${REGISTER}/messages`, { as: 'admin' }))) as {
      messages: { id: number; code: string }[]
    }
    await ok(
      await t.request(`/api/invitations/${REGISTER}/mark`, {
        json: { channel: 'letter', ids: messages.map((m) => m.id) },
        as: 'admin',
        headers,
      }),
    )
    const texts = {
      subject: 'Thư mời tham gia khảo sát',
      body: 'Kính gửi Ông/Bà {name}, mời Ông/Bà trả lời tại {link}.',
    }
    await ok(
      await t.request(`/api/invitations/${REGISTER}/texts/invite`, {
        method: 'PUT',
        json: texts,
        as: 'admin',
        headers,
      }),
    )
    const round = { opens: '2026-10-01', closes: '2026-12-31' }
    await ok(await t.request(`/api/surveys/${REGISTER}/round`, { method: 'PUT', json: round, as: 'admin', headers }))
    const [tuyet, hung] = messages as [{ id: number; code: string }, { id: number; code: string }]
    const times = { startedAt: '2026-10-02T08:00:00.000+07:00', submittedAt: '2026-10-02T08:05:00.000+07:00' }
    for (const [code, unitId, answers] of [
      [tuyet.code, 'so-noi-vu', { q1: 'good', q2: 'fair', q3: 'good' }],
      [hung.code, 'so-tai-chinh', { q1: 'very-good', q2: 'fair' }],
    ] as const) {
      const json = { id: randomUUID(), answers, ...times }
      await ok(await t.request(`/api/respond/${code}/units/${unitId}`, { json, headers }), 201)
    }
    const draft = { method: 'PUT', json: { answers: { q1: 'good' } }, headers }
    await ok(await t.request(`/api/respond/${tuyet.code}/units/so-y-te/draft`, draft))

    // One-time codes, and a paper form keyed under double entry.
    const batch = { surveyId: REGISTER, version: 1, unitId: 'so-noi-vu', groupId: 'delegate', count: 3 }
    await ok(await t.request('/api/codes/batches', { as: 'analyst', json: batch, headers }), 201)
    const setting = { method: 'PUT', json: { enabled: true }, as: 'admin', headers }
    await ok(await t.request(`/api/surveys/${REGISTER}/double-entry`, setting))
    const paper = makeResponse({
      surveyId: REGISTER,
      unitId: 'so-noi-vu',
      groupId: 'delegate',
      channel: 'paper',
      paperSerial: 'BK-0001',
      answers: { q1: 'good', q2: 'fair' },
    })
    if ((await sync(t, [paper]))[0] !== 'stored') throw new Error('the paper form was not stored')

    fs.mkdirSync(path.dirname(file), { recursive: true })
    await t.db.backup(file)
  } finally {
    t.close()
  }
  // The log-in limits kept in the database (storage/rate-limit-store.ts): a success, a failure.
  const storage = await openStorage(file)
  try {
    const limiter = loginLimiterOn(storage)
    const attempt = await limiter.reserve('admin', '203.0.113.7')
    if (attempt.ok) await attempt.succeeded()
    await limiter.reserve('lan', '198.51.100.9')
  } finally {
    await storage.close()
  }
}
