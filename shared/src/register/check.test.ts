import { describe, expect, it } from 'vitest'
import { checkRegister, type RegisteredPerson, type RegisterTable } from './check.ts'
import { normaliseEmail, normalisePhone } from './contact.ts'
import { registerColumnOf } from './columns.ts'
import { makeRegisterSurvey } from './fixtures.ts'
import { validateSurvey } from '../survey/validate.ts'

const survey = makeRegisterSurvey()
const HEADER = ['name', 'position', 'organisation', 'group', 'email', 'phone', 'units']
const table = (...rows: string[][]): RegisterTable => ({
  format: 'csv',
  header: HEADER,
  rows: rows.map((cells, i) => ({ line: i + 2, cells })),
})
const check = (t: RegisterTable, existing: RegisteredPerson[] = []) => checkRegister(survey, t, existing, 'en')
const codesOf = (preview: ReturnType<typeof check>, line: number) =>
  preview.rows.find((r) => r.line === line)!.errors.map((e) => `${e.field}:${e.code}`)

describe('the register check', () => {
  it('fixture survey is valid', () => {
    expect(validateSurvey(survey).ok).toBe(true)
  })

  it('reads good rows: contacts normalised, units by id or name, "all" without the own unit', () => {
    const preview = check(
      table(
        ['Nguyễn Văn An', 'Đại biểu', 'HĐND tỉnh', 'delegate', ' An.Nguyen@HDND.gov.vn ', '', 'so-noi-vu; Sở Y tế'],
        ['Trần Thị Bình', 'Phó Giám đốc', 'Sở Tài chính', 'Lãnh đạo sở, ban, ngành', '', '+84 912 345 678', 'all'],
      ),
    )
    expect(preview.ok).toBe(true)
    expect(preview.rows.map((r) => [r.email, r.phone, r.groupId, r.ownUnitId, r.units])).toEqual([
      ['an.nguyen@hdnd.gov.vn', null, 'delegate', null, ['so-noi-vu', 'so-y-te']],
      [null, '0912345678', 'dept-leader', 'so-tai-chinh', ['so-noi-vu', 'so-y-te']],
    ])
    expect(preview.counts).toEqual({ new: 2, update: 0, unchanged: 0 })
  })

  it('shows every error on its row and applies nothing', () => {
    const preview = check(
      table(
        ['', '', '', 'mayor', 'not-an-email', '12', 'so-xyz'],
        ['Lê Văn Cường', '', 'Sở Y tế', 'dept-leader', 'c@x.vn', '', 'so-y-te;so-noi-vu'],
        ['Phạm Dung', '', '', 'citizen', 'c@x.vn', '', 'all'],
        ['Hoàng Em', '', '', 'delegate', '', '', ''],
      ),
    )
    expect(preview.ok).toBe(false)
    expect(codesOf(preview, 2)).toEqual([
      'name:register-name-missing',
      'group:register-group-unknown',
      'email:register-email-invalid',
      'phone:register-phone-invalid',
      'units:register-unit-unknown',
    ])
    expect(codesOf(preview, 3)).toEqual(['units:register-own-unit-rated'])
    expect(codesOf(preview, 4)).toEqual(['group:register-group-per-location', 'email:register-email-repeated'])
    expect(codesOf(preview, 5)).toEqual(['email:register-contact-missing', 'units:register-units-missing'])
    expect(preview.errorCount).toBe(10)
    expect(preview.rows[2]!.errors[1]!.message).toBe('The e-mail c@x.vn already appears on line 3.')
  })

  it('lets a survey allow rating one’s own unit', () => {
    const own = makeRegisterSurvey({ rateOwnUnit: true })
    const preview = checkRegister(
      own,
      table(['Lê Văn Cường', '', 'Sở Y tế', 'dept-leader', 'c@x.vn', '', 'all']),
      [],
      'vi',
    )
    expect(preview.rows[0]!.units).toEqual(['so-noi-vu', 'so-tai-chinh', 'so-y-te'])
  })

  it('says when an organisation looks like a unit the person rates without naming it exactly', () => {
    const preview = check(
      table(
        ['Lê Văn Cường', '', 'Sở Y tế tỉnh Sơn Hà', 'dept-leader', 'c@x.vn', '', 'all'],
        ['Võ Thị Hoa', '', 'Sở Y tế tỉnh Sơn Hà', 'dept-leader', 'h@x.vn', '', 'so-noi-vu'],
        ['Phan Văn Tú', '', 'HĐND tỉnh', 'delegate', 't@x.vn', '', 'all'],
        ['Đỗ Minh Khôi', '', 'Sở Y tế', 'dept-leader', 'k@x.vn', '', 'all'],
      ),
    )
    expect(preview.ok).toBe(true)
    const [near, notRated, delegate, exact] = preview.rows
    // Not guessed: the office decides, told which unit and which id to write.
    expect(near!.units).toEqual(['so-noi-vu', 'so-tai-chinh', 'so-y-te'])
    expect(near!.warnings.map((w) => `${w.field}:${w.code}`)).toEqual(['organisation:register-own-unit-unsure'])
    expect(near!.warnings[0]!.message).toContain('looks like the unit "Sở Y tế"')
    expect(near!.warnings[0]!.message).toContain('put "so-y-te" in the ownUnit column')
    for (const row of [notRated, delegate, exact]) expect(row!.warnings).toEqual([])
    expect(exact!.units).toEqual(['so-noi-vu', 'so-tai-chinh'])
  })

  it('accepts Vietnamese headers and refuses a file without the needed columns', () => {
    expect(
      ['Họ và tên', 'Chức vụ', 'Cơ quan', 'Nhóm', 'Email', 'Số điện thoại', 'Đơn vị đánh giá'].map(registerColumnOf),
    ).toEqual(['name', 'position', 'organisation', 'group', 'email', 'phone', 'units'])
    const preview = check({ format: 'csv', header: ['Họ tên', 'ghi chú'], rows: [{ line: 2, cells: ['A', 'b'] }] })
    expect(preview.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('"group"'),
      expect.stringContaining('"units"'),
      expect.stringContaining('"email"'),
    ])
    expect(preview.warnings.map((w) => w.code)).toEqual(['register-extra-column'])
  })

  it('updates people by e-mail or phone, keeps units already answered, and locks their group', () => {
    const existing: RegisteredPerson[] = [
      {
        id: 7,
        name: 'Nguyễn Văn An',
        position: 'Đại biểu',
        organisation: 'HĐND tỉnh',
        groupId: 'delegate',
        email: 'an@hdnd.vn',
        phone: null,
        ownUnitId: null,
        units: ['so-noi-vu', 'so-y-te'],
        submittedUnits: ['so-y-te'],
      },
      {
        id: 8,
        name: 'Trần Thị Bình',
        position: '',
        organisation: '',
        groupId: 'delegate',
        email: null,
        phone: '0912345678',
        ownUnitId: null,
        units: ['so-noi-vu'],
        submittedUnits: [],
      },
    ]
    const preview = check(
      table(
        ['Nguyễn Văn An', 'Đại biểu HĐND', 'HĐND tỉnh', 'delegate', 'AN@hdnd.vn', '', 'so-noi-vu'],
        ['Trần Thị Bình', '', '', 'delegate', '', '0912.345.678', 'so-noi-vu'],
      ),
      existing,
    )
    expect(preview.rows.map((r) => [r.respondentId, r.action, r.units])).toEqual([
      [7, 'update', ['so-noi-vu', 'so-y-te']],
      [8, 'unchanged', ['so-noi-vu']],
    ])
    expect(preview.rows[0]!.warnings.map((w) => w.code)).toEqual(['register-submitted-unit-kept'])
    const moved = check(table(['Nguyễn Văn An', '', '', 'dept-leader', 'an@hdnd.vn', '', 'all']), existing)
    expect(codesOf(moved, 2)).toEqual(['group:register-group-locked'])
    expect(moved.notInFile).toBe(1)
  })

  it('refuses a row whose e-mail is one person and phone another', () => {
    const person = (id: number, email: string | null, phone: string | null): RegisteredPerson => ({
      id,
      name: `P${id}`,
      position: '',
      organisation: '',
      groupId: 'delegate',
      email,
      phone,
      ownUnitId: null,
      units: ['so-noi-vu'],
      submittedUnits: [],
    })
    const preview = check(table(['X', '', '', 'delegate', 'a@b.vn', '0912345678', 'all']), [
      person(1, 'a@b.vn', null),
      person(2, null, '0912345678'),
    ])
    expect(codesOf(preview, 2)).toEqual(['row:register-matches-two'])
  })
})

describe('contacts', () => {
  it('normalises phones the way spreadsheets mangle them', () => {
    expect(normalisePhone('0912 345 678')).toBe('0912345678')
    expect(normalisePhone('912345678')).toBe('0912345678')
    expect(normalisePhone('84912345678')).toBe('0912345678')
    expect(normalisePhone('(024) 3825 1234')).toBe('02438251234')
    expect(normalisePhone('+1 202 555 0100')).toBeUndefined()
    expect(normalisePhone('12345')).toBeUndefined()
    expect(normalisePhone('０９１２３４５６７８')).toBe('0912345678')
  })
  it('normalises e-mails by case and width', () => {
    expect(normaliseEmail('ＡＢ@Ｘ.vn')).toBe('ab@x.vn')
    expect(normaliseEmail('a@b')).toBeUndefined()
    expect(normaliseEmail('a b@c.vn')).toBeUndefined()
  })
})
