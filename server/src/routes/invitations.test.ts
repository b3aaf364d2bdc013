import { vietnamDate, type InvitationOverview, type InvitationSendOutcome, type RegisterList } from '@parsurvey/shared'
import { makeRegisterSurvey } from '@parsurvey/shared/testing'
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applyRegister } from '../register/import.ts'
import { createMailer, type Mailer } from '../register/mailer.ts'
import { startTestApp, type TestApp } from '../testing/harness.ts'
import { startSmtpServer, type TestSmtpServer } from '../testing/smtp.ts'

const SURVEY = 'test-2026-department'
const ORIGIN = 'https://khaosat.example.gov.vn'
let t: TestApp
let smtp: TestSmtpServer
let mailer: Mailer

const people = [
  ['Nguyễn Văn An', 'Đại biểu', 'HĐND tỉnh', 'delegate', 'an@hdnd.vn', '', 'all'],
  ['Trần Thị Bình', 'Giám đốc', 'Sở Y tế', 'dept-leader', 'refuse-binh@syt.vn', '', 'all'],
  ['Lê Văn Cường', 'Phó Giám đốc', 'Sở Tài chính', 'dept-leader', 'cuong@stc.vn', '', 'so-noi-vu'],
  ['Phạm Thị Dung', 'Đại biểu', 'HĐND tỉnh', 'delegate', '', '0912345678', 'so-noi-vu'],
]

beforeEach(async () => {
  smtp = await startSmtpServer()
  const config = { url: smtp.url, from: 'Sở Nội vụ <khaosat@snv.vn>' }
  mailer = createMailer(config)
  t = await startTestApp({
    surveys: [makeRegisterSurvey()],
    app: { publicUrl: ORIGIN, mail: { config, mailer } },
  })
  const header = ['name', 'position', 'organisation', 'group', 'email', 'phone', 'units']
  const rows = people.map((cells, i) => ({ line: i + 2, cells }))
  const outcome = await applyRegister(
    t.services,
    SURVEY,
    { format: 'csv', header, rows },
    { userId: null, source: 't', locale: 'en' },
  )
  expect('applied' in outcome).toBe(true)
})
afterEach(async () => {
  mailer.close()
  t.close()
  await smtp.close()
})

const headers = { origin: 'http://localhost', 'accept-language': 'vi' }
const send = async (kind: 'invite' | 'remind', dryRun = false) => {
  const res = await t.request(`/api/invitations/${SURVEY}/send`, { as: 'admin', json: { kind, dryRun }, headers })
  expect(res.status).toBe(200)
  return (await res.json()) as InvitationSendOutcome
}
const overview = async () =>
  (await (await t.request(`/api/invitations/${SURVEY}`, { as: 'admin' })).json()) as InvitationOverview
const personOf = (o: InvitationOverview, name: string) => o.people.find((p) => p.name === name)!
const linkIn = (text: string) => /https:\/\/khaosat\.example\.gov\.vn\/r\/[A-Z0-9-]+/.exec(text)![0]

describe('invitations by e-mail', () => {
  it('mails each person their Vietnamese invitation with a working personal link', async () => {
    const outcome = await send('invite')
    expect(outcome).toMatchObject({ selected: 3, sent: 2, bounced: 1, failed: 0, noEmail: 1 })
    expect(smtp.received.map((m) => m.to)).toEqual([['an@hdnd.vn'], ['cuong@stc.vn']])
    const mail = smtp.received[0]!
    expect(mail.subject).toBe('Mời Ông/Bà tham gia khảo sát đánh giá chỉ số cải cách hành chính')
    expect(mail.text).toContain('Kính gửi Ông/Bà Nguyễn Văn An (Đại biểu)')
    expect(mail.text).toContain('Sở Nội vụ, Sở Tài chính')
    const link = linkIn(mail.text)
    const code = link.split('/r/')[1]!
    const before = vietnamDate(new Date())
    const res = await t.request(`/api/respond/${code}`)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { kind: string }).kind).toBe('register')
    const after = vietnamDate(new Date())
    const an = personOf(await overview(), 'Nguyễn Văn An')
    expect(an.state).toBe('opened')
    // The day, never the time: beside the responses' own times a time would tell whose answers they are.
    expect([before, after]).toContain(an.openedOn)
    const register = (await (await t.request(`/api/respondents/${SURVEY}`, { as: 'admin' })).json()) as RegisterList
    expect(register.respondents.find((p) => p.name === 'Nguyễn Văn An')?.openedOn).toBe(an.openedOn)
    const stored = t.services.db.prepare("SELECT opened_at FROM respondents WHERE name = 'Nguyễn Văn An'").pluck().get()
    expect(stored).toBe(an.openedOn)
  })

  it('records a refusal at RCPT as bounced, with the server words, and logs every send', async () => {
    await send('invite')
    const binh = personOf(await overview(), 'Trần Thị Bình')
    expect(binh.state).toBe('bounced')
    expect(binh.bounceError).toContain('No such user')
    const audit = (await (await t.request('/api/audit', { as: 'admin' })).json()) as { entries: { action: string }[] }
    const actions = audit.entries.map((e) => e.action).filter((a) => a.startsWith('invitation-'))
    expect(actions.sort()).toEqual(['invitation-bounced', 'invitation-sent', 'invitation-sent'])
    // The audit says who was mailed by register id, and never carries the mail server's password.
    expect(JSON.stringify(audit)).not.toContain('s3cret-pass')
  })

  it('mails nobody twice when two admins send at once', async () => {
    const [a, b] = await Promise.all([send('invite'), send('invite')])
    expect(a.sent + b.sent).toBe(2)
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['an@hdnd.vn', 'cuong@stc.vn'])
    const again = await send('invite')
    // Only the refused address is tried again; nobody delivered gets a second invitation.
    expect(again).toMatchObject({ selected: 1, sent: 0, bounced: 1 })
    expect(smtp.received).toHaveLength(2)
  })

  it('reminds only those invited who have not finished, once per gap', async () => {
    await send('invite')
    const code = linkIn(smtp.received.find((m) => m.to[0] === 'cuong@stc.vn')!.text).split('/r/')[1]!
    const submit = await t.request(`/api/respond/${code}/units/so-noi-vu`, {
      json: {
        id: randomUUID(),
        answers: { q1: 'good', q2: 'fair' },
        startedAt: '2026-10-02T08:00:00.000+07:00',
        submittedAt: '2026-10-02T08:05:00.000+07:00',
      },
      headers,
    })
    expect(submit.status).toBe(201)
    expect(personOf(await overview(), 'Lê Văn Cường').state).toBe('finished')

    const dry = await send('remind', true)
    expect(dry).toMatchObject({ dryRun: true, selected: 1, sent: 0 })
    expect(smtp.received).toHaveLength(2)
    const outcome = await send('remind')
    expect(outcome).toMatchObject({ selected: 1, sent: 1 })
    const reminder = smtp.received[2]!
    expect(reminder.to).toEqual(['an@hdnd.vn'])
    expect(reminder.subject).toContain('Nhắc Ông/Bà')
    expect((await send('remind')).selected).toBe(0)
    const o = await overview()
    expect(personOf(o, 'Nguyễn Văn An').remindedAt).not.toBeNull()
    expect(o.byGroup.find((g) => g.id === 'dept-leader')).toMatchObject({ people: 2, finished: 1, formsDone: 1 })
    expect(o.byUnit.find((u) => u.id === 'so-noi-vu')).toMatchObject({ forms: 4, formsDone: 1 })
  })

  it('uses the texts an admin saved, and refuses unknown placeholders with the field named', async () => {
    const put = (json: unknown) =>
      t.request(`/api/invitations/${SURVEY}/texts/invite`, { method: 'PUT', as: 'admin', json, headers })
    const bad = await put({ subject: 'Mời {ten}', body: 'x' })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { field: string; message: string } }).error).toMatchObject({
      field: 'subject',
      message: expect.stringContaining('{ten}'),
    })
    expect((await put({ subject: 'Thư mời {name}', body: 'Mở {link} trước {deadline}' })).status).toBe(200)
    await send('invite')
    expect(smtp.received[0]!.subject).toBe('Thư mời Nguyễn Văn An')
    expect(smtp.received[0]!.text).toMatch(/^Mở https:\/\/khaosat\.example\.gov\.vn\/r\/\S+ trước/)
  })
})

describe('invitations handed over by hand', () => {
  const mark = (json: unknown) => t.request(`/api/invitations/${SURVEY}/mark`, { as: 'admin', json, headers })

  it('records printed letters for the selection, shows them per person, and audits each once', async () => {
    await send('invite') // An and Cường get mail; Bình's address is refused; Dung has no e-mail.
    const before = await overview()
    const ids = ['Phạm Thị Dung', 'Nguyễn Văn An'].map((name) => personOf(before, name).id)
    expect(await (await mark({ channel: 'letter', ids })).json()).toEqual({ marked: 2 })
    expect(await (await mark({ channel: 'letter', ids })).json()).toEqual({ marked: 0 })

    const after = await overview()
    const dung = personOf(after, 'Phạm Thị Dung')
    expect(dung).toMatchObject({ state: 'invited', invitedChannel: 'letter' })
    expect(dung.handedOver.map((h) => h.channel)).toEqual(['letter'])
    // Mailed first, then handed a letter: still invited by e-mail, and the letter is shown too.
    const an = personOf(after, 'Nguyễn Văn An')
    expect(an).toMatchObject({ invitedChannel: 'email', handedOver: [{ channel: 'letter' }] })
    expect(personOf(after, 'Trần Thị Bình').handedOver).toEqual([])
    expect(after.byGroup.find((g) => g.id === 'delegate')).toMatchObject({ people: 2, invited: 2 })

    const audit = (await (await t.request('/api/audit', { as: 'admin' })).json()) as {
      entries: { action: string; target: string; after: { channel?: string } | null }[]
    }
    // Their own action, apart from the e-mails the server sent; each mark once, with its channel.
    const letters = audit.entries.filter((e) => e.action === 'invitation-handed-over')
    expect(letters.map((e) => e.target).sort()).toEqual(ids.map((id) => `respondent:${id}`).sort())
    expect(letters.every((e) => e.after?.channel === 'letter')).toBe(true)
    const mailed = audit.entries.filter((e) => e.action === 'invitation-sent')
    expect(mailed.every((e) => e.after?.channel !== 'letter')).toBe(true)
  })

  it('refuses a channel or ids it cannot record, naming the field in Vietnamese', async () => {
    for (const [json, field] of [
      [{ channel: 'email', ids: [1] }, 'channel'],
      [{ channel: 'pigeon', ids: [1] }, 'channel'],
      [{ channel: 'letter', ids: ['1'] }, 'ids'],
      [{ channel: 'letter' }, 'ids'],
    ] as const) {
      const res = await mark(json)
      expect(res.status).toBe(400)
      const error = ((await res.json()) as { error: { field: string; message: string } }).error
      expect(error.field).toBe(field)
      expect(error.message).toMatch(/[ạ-ỹ]/u)
    }
    expect(personOf(await overview(), 'Phạm Thị Dung').handedOver).toEqual([])
  })
})

describe('invitations without a mail server', () => {
  it('says mail is not configured, and still gives every other channel', async () => {
    const bare = await startTestApp({ surveys: [makeRegisterSurvey()], app: { publicUrl: ORIGIN } })
    try {
      const header = ['name', 'group', 'email', 'phone', 'units']
      const rows = [{ line: 2, cells: ['=HYPERLINK("x")', 'delegate', '', '0912345678', 'all'] }]
      await applyRegister(
        bare.services,
        SURVEY,
        { format: 'csv', header, rows },
        { userId: null, source: 't', locale: 'en' },
      )
      const o = (await (await bare.request(`/api/invitations/${SURVEY}`, { as: 'admin' })).json()) as InvitationOverview
      expect(o.mail).toEqual({ configured: false, from: null })
      const res = await bare.request(`/api/invitations/${SURVEY}/send`, {
        as: 'admin',
        json: { kind: 'invite' },
        headers,
      })
      expect(res.status).toBe(409)
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain('Zalo')

      const csv = await (await bare.request(`/api/invitations/${SURVEY}/invitations.csv`, { as: 'admin' })).text()
      expect(csv).toContain(`'=HYPERLINK`)
      expect(csv).toContain(`${ORIGIN}/r/`)
      const mark = await bare.request(`/api/invitations/${SURVEY}/mark`, {
        as: 'admin',
        json: { channel: 'message', ids: [1, 1, 999] },
        headers,
      })
      expect(await mark.json()).toEqual({ marked: 1 })
      const after = (await (
        await bare.request(`/api/invitations/${SURVEY}`, { as: 'admin' })
      ).json()) as InvitationOverview
      expect(after.people[0]).toMatchObject({ state: 'invited', invitedChannel: 'message' })
    } finally {
      bare.close()
    }
  })
})
