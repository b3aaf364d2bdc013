import { startSmtpServer, type TestSmtpServer } from '@parsurvey/server/testing/smtp'
import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startServer, type ServerProcess } from '../support/server-process.ts'
import { answerSitting, codeInMail } from '../support/sitting-client.ts'
import { runCli } from './run-cli.ts'

const SURVEY = 'par-2026-department'
let server: ServerProcess
let dataDir: string
let smtp: TestSmtpServer

// The command runs beside the server, on its data folder, as a cron job would.
beforeEach(async () => {
  server = await startServer()
  dataDir = server.dataDir
  smtp = await startSmtpServer()
  const file = path.join(dataDir, 'register.csv')
  fs.writeFileSync(
    file,
    [
      'name,position,organisation,group,email,phone,units',
      'Nguyễn Văn An,Đại biểu,HĐND tỉnh,delegate,an@hdnd.vn,,all',
      'Trần Thị Bình,Giám đốc,Sở Y tế,dept-leader,refuse-binh@syt.vn,,all',
      'Lê Văn Cường,Phó Giám đốc,Sở Tài chính,dept-leader,cuong@stc.vn,,so-noi-vu;so-y-te',
      'Phạm Thị Dung,Đại biểu,HĐND tỉnh,delegate,,0912345678,so-noi-vu',
    ].join('\n'),
  )
  const imported = await runCli(['respondents', 'import', '--survey', SURVEY, file], { DATA_DIR: dataDir })
  expect(imported.code).toBe(0)
})
afterEach(async () => {
  await server.stop()
  await smtp.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const mailEnv = () => ({
  DATA_DIR: dataDir,
  SMTP_URL: smtp.url,
  MAIL_FROM: 'Sở Nội vụ <khaosat@snv.vn>',
  PUBLIC_URL: server.url,
})
const invite = (args: string[], env: Record<string, string> = mailEnv()) =>
  runCli(['respondents', 'invite', '--survey', SURVEY, ...args], env)
const recipients = () => smtp.received.flatMap((m) => m.to).sort()
const audit = () => {
  const db = new Database(path.join(dataDir, 'parsurvey.db'), { readonly: true })
  const rows = db
    .prepare("SELECT action, user_id AS userId FROM audit_log WHERE action LIKE 'invitation-%' ORDER BY seq")
    .all()
  db.close()
  return rows as { action: string; userId: number | null }[]
}
const mailTo = (address: string) => smtp.received.find((m) => m.to[0] === address)!

describe('parsurvey respondents invite', () => {
  it('previews with --dry-run, mails each person once, reports the bounce, and reminds only the unfinished', async () => {
    const preview = await invite(['--dry-run'])
    expect(preview.stdout.trim()).toBe('Invitations (dry run, nothing sent): would mail 3 people; 1 without e-mail.')
    expect(preview.code).toBe(0)
    expect(smtp.received).toEqual([])

    const sent = await invite([])
    expect(sent.stdout.trim()).toBe('Invitations: 3 people, sent 2, bounced 1, failed 0, without e-mail 1.')
    expect(sent.stderr).toContain('Trần Thị Bình <refuse-binh@syt.vn>: bounced: 550 5.1.1 No such user here')
    expect(sent.stderr).not.toContain('s3cret-pass')
    expect(sent.code).toBe(1)
    expect(recipients()).toEqual(['an@hdnd.vn', 'cuong@stc.vn'])
    const an = mailTo('an@hdnd.vn')
    expect(an.from).toBe('khaosat@snv.vn')
    expect(an.text).toContain('Kính gửi Ông/Bà Nguyễn Văn An (Đại biểu)')
    expect(an.text).toContain(`${server.url}/r/${codeInMail(an.text)}`)

    // Run again: those who got their invitation get no second one; the refused address is tried again.
    const again = await invite([])
    expect(again.stdout.trim()).toBe('Invitations: 1 person, sent 0, bounced 1, failed 0, without e-mail 1.')
    expect(again.code).toBe(1)
    expect(smtp.received).toHaveLength(2)

    // Cường answers both his units through his link; An opens hers and sends one unit of many.
    expect(await answerSitting(server.url, codeInMail(mailTo('cuong@stc.vn').text))).toEqual(['so-noi-vu', 'so-y-te'])
    await answerSitting(server.url, codeInMail(an.text), ['so-tu-phap'])
    const reminded = await invite(['--remind'])
    expect(reminded.stdout.trim()).toBe('Reminders: 1 person, sent 1, bounced 0, failed 0, without e-mail 1.')
    expect(reminded.code).toBe(0)
    expect(smtp.received.at(-1)!.to).toEqual(['an@hdnd.vn'])
    expect(smtp.received.at(-1)!.subject).toBe('Nhắc Ông/Bà hoàn thành phiếu khảo sát cải cách hành chính')
    // Every send is in the audit log, by the command (no account): An, Bình, Cường; Bình again; An's reminder.
    expect(audit().map((e) => e.action)).toEqual([
      'invitation-sent',
      'invitation-bounced',
      'invitation-sent',
      'invitation-bounced',
      'invitation-sent',
    ])
    expect(audit().every((e) => e.userId === null)).toBe(true)
  })

  it('refuses without SMTP_URL or PUBLIC_URL, exit 1 and nothing sent', async () => {
    const noMail = await invite([], { DATA_DIR: dataDir })
    expect(noMail.code).toBe(1)
    expect(noMail.stderr).toContain('Mail is not configured on the server (SMTP_URL and MAIL_FROM)')
    const dry = await invite(['--dry-run'], { DATA_DIR: dataDir })
    expect(dry.stdout.trim()).toBe('Invitations (dry run, nothing sent): would mail 3 people; 1 without e-mail.')
    expect(dry.code).toBe(1)
    const { PUBLIC_URL: _, ...noUrl } = mailEnv()
    const noLinks = await invite([], noUrl)
    expect(noLinks.code).toBe(1)
    expect(noLinks.stderr).toContain('Set PUBLIC_URL')
    expect(smtp.received).toEqual([])
  })

  it('fails each mail when the mail server is down, and sends them on the next run', async () => {
    await smtp.close()
    const down = await invite([])
    expect(down.code).toBe(1)
    expect(down.stdout.trim()).toBe('Invitations: 3 people, sent 0, bounced 0, failed 3, without e-mail 1.')
    smtp = await startSmtpServer()
    const up = await invite([])
    expect(up.stdout.trim()).toBe('Invitations: 3 people, sent 2, bounced 1, failed 0, without e-mail 1.')
    expect(recipients()).toEqual(['an@hdnd.vn', 'cuong@stc.vn'])
  })

  it('says how to call it, and names a survey that does not exist', async () => {
    const usage = await runCli(['respondents', 'invite', 'extra'], mailEnv())
    expect(usage.code).toBe(1)
    expect(usage.stderr).toContain('usage: pnpm parsurvey respondents invite --survey <id> [--remind] [--dry-run]')
    const missing = await runCli(['respondents', 'invite', '--survey', 'nope'], mailEnv())
    expect(missing.code).toBe(1)
    expect(missing.stderr.trim()).toBe('There is no survey "nope".')
  })
})
