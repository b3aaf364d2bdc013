import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeRegisterSurvey } from '@parsurvey/shared/testing'
import type { RegisterApplied, RegisterEntry, RegisterPreview } from '@parsurvey/shared'
import { startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp({ surveys: [makeRegisterSurvey()] })
})
afterEach(() => t.close())

const SURVEY = 'test-2026-department'

async function send(step: 'preview' | 'apply', body: string | Uint8Array, type = 'text/csv') {
  const cookie = await t.login('admin')
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body
  return t.app.request(`/api/respondents/${SURVEY}/${step}?fileName=danh-sach.csv`, {
    method: 'POST',
    headers: { cookie, 'content-type': type, 'accept-language': 'vi' },
    body: bytes,
  })
}
const list = async () =>
  ((await (await t.request(`/api/respondents/${SURVEY}`, { as: 'admin' })).json()) as { respondents: RegisterEntry[] })
    .respondents

const GOOD = [
  '\uFEFFHọ và tên;Chức vụ;Cơ quan;Nhóm;Email;Điện thoại;Đơn vị đánh giá',
  'Nguyễn Văn An;Đại biểu;HĐND tỉnh;delegate;an@hdnd.vn;;all',
  'Trần Thị Bình;Giám đốc;Sở Y tế;dept-leader;;0912 345 678;so-noi-vu;so-tai-chinh',
  'Lê Văn Cường;Phó Giám đốc;Sở Tài chính;dept-leader;cuong@stc.vn;;"so-noi-vu;so-y-te"',
].join('\r\n')

describe('the respondent register', () => {
  it('previews a ";" CSV with a BOM and Vietnamese headers, and shows each bad row', async () => {
    const res = await send('preview', GOOD)
    const preview = (await res.json()) as RegisterPreview
    expect(res.status).toBe(200)
    // The unquoted "so-noi-vu;so-y-te" spilled into an extra cell: the row is refused, not guessed.
    expect(preview.rows.map((r) => r.errors.map((e) => e.code))).toEqual([[], ['register-extra-cells'], []])
    expect(preview.rows[1]!.errors[0]!.message).toContain('ngoặc kép')
    expect(preview.ok).toBe(false)
    expect(await list()).toEqual([])
  })

  it('applies nothing while a row has an error, then imports the fixed file with one code each', async () => {
    const bad = await send('apply', GOOD)
    expect(bad.status).toBe(422)
    expect(((await bad.json()) as { preview: RegisterPreview }).preview.errorCount).toBe(1)
    expect(await list()).toEqual([])

    const fixed = GOOD.replace('0912 345 678;so-noi-vu;so-tai-chinh', '0912 345 678;"so-noi-vu;so-tai-chinh"')
    const res = await send('apply', fixed)
    expect(res.status).toBe(201)
    expect((await res.json()) as RegisterApplied).toEqual({
      surveyId: SURVEY,
      added: 3,
      updated: 0,
      unchanged: 0,
      total: 3,
    })
    const people = await list()
    expect(people.map((p) => [p.name, p.groupId, p.ownUnitId, p.units])).toEqual([
      ['Nguyễn Văn An', 'delegate', null, ['so-noi-vu', 'so-tai-chinh', 'so-y-te']],
      ['Trần Thị Bình', 'dept-leader', 'so-y-te', ['so-noi-vu', 'so-tai-chinh']],
      ['Lê Văn Cường', 'dept-leader', 'so-tai-chinh', ['so-noi-vu', 'so-y-te']],
    ])
    // One distinct code per person, stored only as hash + sealed text.
    const hashes = t.db.prepare('SELECT code_hash FROM respondents').pluck().all() as string[]
    expect(new Set(hashes).size).toBe(3)
    const audit = t.services.sqlite.audit.list().find((e) => e.action === 'register-import')
    expect(audit?.after).toMatchObject({ source: 'danh-sach.csv', added: 3, total: 3 })
  })

  it('re-importing updates people by e-mail or phone without duplicates and keeps their codes', async () => {
    const fixed = GOOD.replace('0912 345 678;so-noi-vu;so-tai-chinh', '0912 345 678;"so-noi-vu;so-tai-chinh"')
    await send('apply', fixed)
    const codes = t.db.prepare('SELECT id, code_hash FROM respondents ORDER BY id').all()
    const again = [
      'name,group,email,phone,units',
      'Nguyễn Văn An,delegate,AN@HDND.VN,,so-noi-vu',
      'Trần Thị Bình,dept-leader,,+84912345678,so-noi-vu',
      'Phạm Dung,delegate,dung@hdnd.vn,,all',
    ].join('\n')
    const res = await send('apply', again)
    expect(await res.json()).toEqual({ surveyId: SURVEY, added: 1, updated: 2, unchanged: 0, total: 4 })
    const people = await list()
    expect(people.map((p) => [p.name, p.email, p.phone, p.units.length])).toEqual([
      ['Nguyễn Văn An', 'an@hdnd.vn', null, 1],
      ['Trần Thị Bình', null, '0912345678', 1],
      ['Lê Văn Cường', 'cuong@stc.vn', null, 2],
      ['Phạm Dung', 'dung@hdnd.vn', null, 3],
    ])
    expect(t.db.prepare('SELECT id, code_hash FROM respondents WHERE id <= 3 ORDER BY id').all()).toEqual(codes)
  })

  it('reads an XLSX register, phone numbers stored as numbers included', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Danh sách')
    sheet.addRow(['Họ và tên', 'Nhóm đối tượng', 'Số điện thoại', 'Đơn vị được đánh giá'])
    sheet.addRow(['Võ Thị Hoa', 'Đại biểu HĐND tỉnh', 912345678, 'Sở Nội vụ; Sở Y tế'])
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer())
    const res = await send('apply', bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(res.status).toBe(201)
    expect((await list()).map((p) => [p.groupId, p.phone, p.units])).toEqual([
      ['delegate', '0912345678', ['so-noi-vu', 'so-y-te']],
    ])
  })

  it('refuses a damaged workbook, a file in another encoding and an unknown survey', async () => {
    const damaged = (await (
      await send('preview', new Uint8Array([0x50, 0x4b, 3, 4, 1, 2]), 'application/octet-stream')
    ).json()) as RegisterPreview
    expect(damaged.errors.map((e) => e.code)).toEqual(['register-damaged'])
    const latin1 = (await (await send('preview', new Uint8Array([0x6e, 0x61, 0x6d, 0xe9]))).json()) as RegisterPreview
    expect(latin1.errors.map((e) => e.code)).toEqual(['register-not-utf8'])
    const cookie = await t.login('admin')
    const res = await t.app.request('/api/respondents/no-such/preview', {
      method: 'POST',
      headers: { cookie, 'content-type': 'text/csv' },
      body: 'name',
    })
    expect(res.status).toBe(404)
  })
})
