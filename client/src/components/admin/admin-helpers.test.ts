import { makeSurvey } from '@parsurvey/shared/testing'
import { describe, expect, it } from 'vitest'
import { accountFormErrors, accountInput, type AccountForm } from './account-form.ts'
import { i18n, loadOfficeMessages, setLocale } from '../../i18n/index.ts'
import { auditChanges } from './audit-diff.ts'
import { unitChoices } from './unit-choices.ts'

describe('audit changes', () => {
  it('lists only the values an update changed, lists comma-joined', () => {
    const before = { username: 'lan', role: 'surveyor', units: ['huyen-a'], disabled: false }
    const after = { username: 'lan', role: 'supervisor', units: ['huyen-a', 'huyen-b'], disabled: false }
    expect(auditChanges(before, after)).toEqual([
      { path: 'role', label: 'role', before: 'surveyor', after: 'supervisor' },
      { path: 'units', label: 'units', before: 'huyen-a', after: 'huyen-a, huyen-b' },
    ])
  })

  it('shows every value a creation set, nested by dotted path', () => {
    expect(auditChanges(null, { setVersion: 2, values: { 'huyen-a': 60.5 } })).toEqual([
      { path: 'setVersion', label: 'setVersion', before: '', after: '2' },
      { path: 'values.huyen-a', label: 'values › huyen-a', before: '', after: '60.5' },
    ])
    expect(auditChanges(null, null)).toEqual([])
  })

  it('says each field in words and each time in Vietnam time, keeping ids as they are', async () => {
    await setLocale('vi')
    await loadOfficeMessages() // as the router does before an office page opens
    const label = (key: string) =>
      i18n.global.te(`admin.audit.fields.${key}`) ? i18n.global.t(`admin.audit.fields.${key}`) : undefined
    const before = {
      responseId: 'r-1',
      effective: { answers: { q1: 'good' }, submittedAt: '2026-12-04T13:05:00.000Z' },
    }
    const after = {
      action: 'accept-new',
      reason: 'sửa lại',
      effective: { answers: { q1: 'poor' }, submittedAt: '2026-12-04T20:15:00+07:00' },
    }
    expect(auditChanges(before, after, label)).toEqual([
      { path: 'responseId', label: 'Mã phiếu', before: 'r-1', after: '' },
      { path: 'effective.answers.q1', label: 'Nội dung được tính › Câu trả lời › q1', before: 'good', after: 'poor' },
      {
        path: 'effective.submittedAt',
        label: 'Nội dung được tính › Hoàn thành lúc',
        before: '04/12/2026 20:05',
        after: '04/12/2026 20:15',
      },
      { path: 'action', label: 'Quyết định', before: '', after: 'accept-new' },
      { path: 'reason', label: 'Lý do', before: '', after: 'sửa lại' },
    ])
  })
})

describe('unit choices', () => {
  it('lists each unit once, newest survey’s name, sorted by Vietnamese name', () => {
    const old = makeSurvey({ year: 2024 })
    const renamed = makeSurvey({ version: 2 })
    renamed.units[0]!.name = { vi: 'Thị xã A', en: 'Town A' }
    const choices = unitChoices([old, renamed])
    expect(choices.map((c) => [c.id, c.name.vi])).toEqual([
      ['huyen-b', 'Huyện B'],
      ['huyen-a', 'Thị xã A'],
    ])
  })
})

describe('account form', () => {
  const form = (over: Partial<AccountForm>): AccountForm => ({
    username: 'lan.nguyen',
    role: 'surveyor',
    allUnits: false,
    units: ['huyen-a'],
    password: '',
    ...over,
  })

  it('asks for units only for supervisors and surveyors', () => {
    expect(accountFormErrors(form({ units: [] }))).toEqual({ units: 'admin.accounts.errors.unitsRequired' })
    expect(accountFormErrors(form({ role: 'analyst', units: [] }))).toEqual({})
    expect(accountInput(form({ role: 'analyst' })).units).toBe('all')
    expect(accountInput(form({ units: ['huyen-b', 'huyen-a'] }))).toEqual({
      username: 'lan.nguyen',
      role: 'surveyor',
      units: ['huyen-a', 'huyen-b'],
    })
  })

  it('checks the username and a typed password like the server does', () => {
    expect(accountFormErrors(form({ username: 'Lan Nguyễn' })).username).toBe('admin.accounts.errors.usernameInvalid')
    expect(accountFormErrors(form({ username: '' })).username).toBe('admin.accounts.errors.usernameRequired')
    expect(accountFormErrors(form({ password: 'short' })).password).toBe('admin.accounts.errors.passwordShort')
    expect(accountInput(form({ password: 'long enough pass' })).password).toBe('long enough pass')
  })
})
