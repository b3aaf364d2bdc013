import { makeRegisterSurvey } from '@parsurvey/shared/testing'
import ExcelJS from 'exceljs'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../auth/password.ts'
import { applyRegister } from '../register/import.ts'
import { makeResponse, PASSWORD, startTestApp, type TestApp } from '../testing/harness.ts'
import { unzipEntries } from '../testing/unzip.ts'

/**
 * Issue 14, confidentiality: the register links a person to a code, and nothing an analyst,
 * supervisor or surveyor can read — any GET route of the app, any export or report — may carry a
 * person's name, e-mail, phone or personal code. Every GET route the app has is walked with real
 * parameters (a route added later fails "every GET route is walked" until it gets a row here).
 */
const SURVEY = 'test-2026-department'
const S = `surveyId=${SURVEY}&version=1`
const UNITS = ['so-noi-vu', 'so-tai-chinh', 'so-y-te']
const headers = { origin: 'http://localhost', 'accept-language': 'vi' }

const people = [
  [
    'Nguyễn Thị Ánh Tuyết',
    'Đại biểu chuyên trách',
    'HĐND tỉnh',
    'delegate',
    'tuyet.nguyen+par@example.vn',
    '+84 912 345 678',
    'all',
  ],
  [
    'Đặng Quốc Khánh Hưng',
    'Phó Trưởng ban',
    'Ban Quản lý các khu công nghiệp',
    'dept-leader',
    'QK.Hung@SoYTe.Example.vn',
    '',
    'all',
  ],
  ['Lò Thị Xuân Nguyệt', 'Đại biểu', 'HĐND tỉnh', 'delegate', '', '0387 654 321', 'so-noi-vu;so-y-te'],
  [
    'Hoàng Văn Thưởng',
    'Trưởng phòng',
    'Sở Tài chính',
    'dept-leader',
    'thuong.hv@stc.example.vn',
    '0977.111.222',
    'all',
  ],
] as const

/** Every way a person could be found in a text: as stored, as typed, and the forms the app normalises to. */
type Person = { name: string; email: string; phones: string[]; code: string }
let persons: Person[] = []
const needlesOf = (p: Person) =>
  [p.name, p.email, ...p.phones, p.code, p.code.replace(/-/g, '')].filter((n) => n.length >= 6)

const fold = (text: string, form: 'NFC' | 'NFD') => text.normalize(form).toLowerCase()
/** XML and HTML character references decoded, so `&#7889;` cannot hide a letter. */
const decodeEntities = (text: string) =>
  text
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

/** The readable text of a reply: the headers, and the body — every inner file when it is a zip (XLSX, DOCX). */
async function textOf(res: Response): Promise<string> {
  const bytes = Buffer.from(await res.arrayBuffer())
  const head = [...res.headers.entries()].map(([k, v]) => `${k}: ${v}`).join('\n')
  let body: string
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    const entries = await unzipEntries(bytes)
    body = [...entries].map(([name, e]) => `${name}\n${e.data.toString('utf8')}`).join('\n')
  } else body = bytes.toString('utf8')
  let decoded = decodeEntities(body)
  try {
    decoded += `\n${decodeURIComponent(head)}`
  } catch {
    decoded += `\n${head}`
  }
  return decoded
}

/** The identities found in `text` (case-insensitive, in both Unicode normal forms). */
function identitiesIn(text: string): string[] {
  const found: string[] = []
  for (const form of ['NFC', 'NFD'] as const) {
    const haystack = fold(text, form)
    for (const p of persons)
      for (const needle of needlesOf(p)) if (haystack.includes(fold(needle, form))) found.push(needle)
  }
  return [...new Set(found)]
}

let t: TestApp
let batchId = 0
/** The paper keying the surveyor `dieu-tra` sent, whose receipt they may ask again. */
let paperId = ''

beforeAll(async () => {
  t = await startTestApp({ surveys: [makeRegisterSurvey()] })
  // A supervisor and a surveyor of this survey's units, so their routes return real rows.
  const passwordHash = await hashPassword(PASSWORD)
  t.services.sqlite.users.create({ username: 'giam-sat', role: 'supervisor', units: UNITS, passwordHash })
  t.services.sqlite.users.create({ username: 'dieu-tra', role: 'surveyor', units: UNITS, passwordHash })

  const header = ['name', 'position', 'organisation', 'group', 'email', 'phone', 'units']
  const rows = people.map((cells, i) => ({ line: i + 2, cells: [...cells] }))
  const outcome = await applyRegister(
    t.services,
    SURVEY,
    { format: 'csv', header, rows },
    {
      userId: null,
      source: 'danh-sach.csv',
      locale: 'vi',
    },
  )
  expect(outcome).toMatchObject({ applied: { added: 4 } })

  const messages = (await (await t.request(`/api/invitations/${SURVEY}/messages`, { as: 'admin' })).json()) as {
    messages: { name: string; code: string }[]
  }
  persons = people.map(([name, , , , email, phone]) => {
    const code = messages.messages.find((m) => m.name === name)!.code
    const digits = phone.replace(/\D/g, '')
    const phones = phone ? [phone, digits, digits.startsWith('84') ? `0${digits.slice(2)}` : digits] : []
    return { name, email, phones, code }
  })
  expect(persons.every((p) => /^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/.test(p.code))).toBe(true)

  // Three of them answer some units, and every one keeps a draft of another.
  const submit = async (code: string, unitId: string, answers: Record<string, string>) => {
    const res = await t.request(`/api/respond/${code}/units/${unitId}`, {
      json: {
        id: randomUUID(),
        answers,
        startedAt: '2026-10-02T08:00:00.000+07:00',
        submittedAt: '2026-10-02T08:05:00.000+07:00',
      },
      headers,
    })
    expect(res.status).toBe(201)
  }
  const draft = async (code: string, unitId: string) => {
    const res = await t.request(`/api/respond/${code}/units/${unitId}/draft`, {
      method: 'PUT',
      json: { answers: { q1: 'good' } },
      headers,
    })
    expect(res.status).toBe(200)
  }
  const [tuyet, hung, nguyet, thuong] = persons as [Person, Person, Person, Person]
  for (const unitId of ['so-noi-vu', 'so-tai-chinh'])
    await submit(tuyet.code, unitId, { q1: 'good', q2: 'fair', q3: 'good' })
  await draft(tuyet.code, 'so-y-te')
  await submit(hung.code, 'so-noi-vu', { q1: 'very-good', q2: 'good' })
  await submit(hung.code, 'so-tai-chinh', { q1: 'fair', q2: 'fair' })
  await draft(hung.code, 'so-y-te')
  await submit(nguyet.code, 'so-noi-vu', { q1: 'fair', q2: 'good', q3: 'very-good' })
  await draft(nguyet.code, 'so-y-te')
  await draft(thuong.code, 'so-noi-vu')

  // A batch of one-time codes, so the code routes have a real batch to show.
  const batch = await t.request('/api/codes/batches', {
    as: 'analyst',
    json: { surveyId: SURVEY, version: 1, unitId: 'so-noi-vu', groupId: 'delegate', count: 2 },
    headers,
  })
  expect(batch.status).toBe(201)
  batchId = ((await batch.json()) as { id: number }).id

  // A paper form keyed once under double entry, so the paper-form routes have a real form to show.
  const setting = await t.request(`/api/surveys/${SURVEY}/double-entry`, {
    method: 'PUT',
    json: { enabled: true },
    as: 'admin',
    headers,
  })
  expect(setting.status).toBe(200)
  const paper = makeResponse({
    surveyId: SURVEY,
    unitId: 'so-noi-vu',
    groupId: 'delegate',
    channel: 'paper',
    paperSerial: 'BK-0001',
    answers: { q1: 'good', q2: 'fair' },
  })
  paperId = paper.id
  const synced = await t.request('/api/sync', { json: { responses: [paper] }, as: 'dieu-tra', headers })
  expect(((await synced.json()) as { results: { status: string }[] }).results[0]?.status).toBe('stored')
})
afterAll(() => t.close())

/** The app's GET routes → the real requests that walk them (`null`: not readable data, see why). */
async function concreteRequests(): Promise<Record<string, string[] | null>> {
  const res = await t.request(`/api/exports/no-such-export.csv?${S}`, { as: 'admin' })
  const names = /: (.*)$/.exec(((await res.json()) as { error: { message: string } }).error.message)?.[1] ?? ''
  const exportFiles = names.replace(/\.$/, '').split(', ').filter(Boolean)
  expect(exportFiles.length).toBeGreaterThan(4)
  return {
    '/api/health': ['/api/health'],
    '/api/ready': ['/api/ready'],
    '/metrics': ['/metrics'],
    '/api/session': ['/api/session'],
    '/api/surveys': ['/api/surveys'],
    '/api/surveys/:id/versions/:version': [`/api/surveys/${SURVEY}/versions/1`],
    '/api/surveys/:id/versions/:version/workbook': [`/api/surveys/${SURVEY}/versions/1/workbook`],
    '/api/surveys/:id/versions/:version/paper': [`/api/surveys/${SURVEY}/versions/1/paper`],
    '/api/progress': [`/api/progress?${S}`],
    '/api/progress/by-surveyor': [`/api/progress/by-surveyor?${S}`],
    '/api/progress/by-day': [`/api/progress/by-day?${S}`],
    '/api/scores': [`/api/scores?${S}`],
    '/api/scores/previous-year': [`/api/scores/previous-year?${S}`],
    '/api/scores/explain': UNITS.map((u) => `/api/scores/explain?${S}&unitId=${u}`),
    '/api/exports/:file': exportFiles.flatMap((f) => [`/api/exports/${f}?${S}`, `/api/exports/${f}?${S}&header=ids`]),
    '/api/codes/batches': [`/api/codes/batches?${S}`],
    '/api/codes/batches/:file{[0-9]+\\.csv}': [`/api/codes/batches/${batchId}.csv`],
    '/api/codes/batches/:id{[0-9]+}/slips': [`/api/codes/batches/${batchId}/slips`],
    '/api/codes/batches/:id{[0-9]+}': [`/api/codes/batches/${batchId}`],
    // A personal code's own sitting is for its holder; walked with a code nobody holds.
    '/api/respond/:code': ['/api/respond/AAAA-BBBB-CCCC-DDDD'],
    '/api/respondents/:surveyId': [`/api/respondents/${SURVEY}`],
    '/api/invitations/:surveyId': [`/api/invitations/${SURVEY}`],
    '/api/invitations/:surveyId/messages': [`/api/invitations/${SURVEY}/messages`],
    '/api/invitations/:surveyId/invitations.csv': [`/api/invitations/${SURVEY}/invitations.csv`],
    '/api/users': ['/api/users'],
    '/api/audit': ['/api/audit'],
    '/api/review/responses': [
      `/api/review/responses?${S}`,
      ...UNITS.map((u) => `/api/review/responses?${S}&unitId=${u}`),
    ],
    '/api/review/conflicts': ['/api/review/conflicts'],
    '/api/review/paper-forms': [`/api/review/paper-forms?${S}`],
    '/api/review/paper-forms/:id': [`/api/review/paper-forms/${await paperFormId()}`],
    '/api/surveys/:id/double-entry': [`/api/surveys/${SURVEY}/double-entry`],
    // Its sender's own receipt; anyone else gets an empty list.
    '/api/sync/receipts': [`/api/sync/receipts?ids=${paperId}`],
    '/api/self-assessment': [`/api/self-assessment?${S}`],
    '/api/adjustments': [`/api/adjustments?${S}`],
    '/api/results/scorecard': UNITS.map((u) => `/api/results/scorecard?${S}&unitId=${u}`),
    '/api/results/:file': ['pack.xlsx', 'pack.docx', 'scorecards.docx'].map((f) => `/api/results/${f}?${S}`),
    '/api/quality': [`/api/quality?${S}`],
    '/api/backup': ['/api/backup'],
  }
}

async function paperFormId(): Promise<number> {
  const res = await t.request(`/api/review/paper-forms?${S}`, { as: 'admin' })
  const form = ((await res.json()) as { forms: { id: number }[] }).forms[0]
  if (!form) throw new Error('the seeded paper form is missing')
  return form.id
}

const getRoutes = (app: TestApp['app']) => [
  ...new Set(app.routes.filter((r) => r.method === 'GET' && r.path !== '*' && r.path !== '/*').map((r) => r.path)),
]

describe('the scanner itself', () => {
  it('finds a person in a plain reply, in either Unicode form and any case', () => {
    const p = persons[0]!
    expect(identitiesIn(`x ${p.name.normalize('NFD').toUpperCase()} y`)).toContain(p.name)
    expect(identitiesIn(`gọi 0912345678`)).toContain('0912345678')
    expect(identitiesIn(`Ánh &#7888; none`)).toEqual([])
  })

  it('finds people where admins may see them: the invitations CSV and an XLSX holding a name', async () => {
    const csv = await t.request(`/api/invitations/${SURVEY}/invitations.csv`, { as: 'admin' })
    const found = identitiesIn(await textOf(csv))
    for (const p of persons) expect(found).toContain(p.name)
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('x').addRow([persons[1]!.name, persons[1]!.email])
    const xlsx = new Response(new Uint8Array(await workbook.xlsx.writeBuffer()))
    expect(identitiesIn(await textOf(xlsx))).toEqual(expect.arrayContaining([persons[1]!.name, persons[1]!.email]))
  })
})

describe('nothing readable by analysts, supervisors or surveyors names a person on the register', () => {
  it('every GET route of the app is walked (add a route = add its real requests above)', async () => {
    const table = await concreteRequests()
    expect(getRoutes(t.app).filter((route) => !(route in table))).toEqual([])
  })

  for (const username of ['analyst', 'giam-sat', 'dieu-tra', 'supervisor', 'surveyor'])
    it(`as ${username}: every allowed GET route, export and report carries no identity`, async () => {
      const table = await concreteRequests()
      const readable: string[] = []
      const leaks: string[] = []
      for (const route of getRoutes(t.app))
        for (const url of table[route] ?? []) {
          const res = await t.request(url, { as: username, headers: { 'accept-language': 'vi' } })
          if (res.status === 401 || res.status === 403) continue
          // Real parameters: an allowed route answers with real content, never a 4xx/5xx — but a
          // personal code is not a route to data (404), nor a paper form of a unit not one's own.
          const hidden =
            route === '/api/respond/:code' || (route === '/api/review/paper-forms/:id' && username === 'supervisor')
          expect(res.status, url).toBe(hidden ? 404 : 200)
          readable.push(url)
          const text = await textOf(res)
          const found = identitiesIn(text)
          if (found.length > 0) leaks.push(`${url}: ${found.join(', ')}`)
          // Nothing keyed by the register either (its row ids would link a response back to a person).
          if (/respondent(_?id)?["':]/i.test(text)) leaks.push(`${url}: respondent key`)
        }
      expect(leaks).toEqual([])
      if (username === 'analyst') {
        for (const must of [
          '/api/exports/responses-wide.xlsx',
          '/api/results/pack.docx',
          '/api/scores/explain',
          '/api/quality',
        ])
          expect(
            readable.some((u) => u.startsWith(must)),
            must,
          ).toBe(true)
      }
      expect(readable.length).toBeGreaterThan(5)
    })

  it('the responses analysts read are there: the answers of the sitting, without their senders', async () => {
    const res = await t.request(`/api/exports/responses-long.csv?${S}`, { as: 'analyst' })
    const csv = await textOf(res)
    expect(csv).toContain('so-tai-chinh')
    expect(csv.split('\n').filter((line) => line.includes('online')).length).toBeGreaterThan(4)
  })
})
