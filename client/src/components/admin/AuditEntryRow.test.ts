import { AUDIT_ACTIONS, type AuditEntry } from '@parsurvey/shared'
import { mount } from '@vue/test-utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalogueFiles } from '../../i18n/catalogues.ts'
import { i18n, loadOfficeMessages, setLocale } from '../../i18n/index.ts'
import AuditEntryRow from './AuditEntryRow.vue'

/** An invitation handed over by hand (issue 14): a printed letter, marked on Quản trị → Gửi lời mời. */
const handedOver: AuditEntry = {
  seq: 7,
  at: '2026-10-02T02:30:00.000Z',
  userId: 1,
  username: 'admin',
  action: 'invitation-handed-over',
  target: 'respondent:12',
  before: null,
  after: { surveyId: 'par-2026-department', kind: 'invite', channel: 'letter' },
}

const row = () => mount(AuditEntryRow, { props: { entry: handedOver }, global: { plugins: [i18n] } })
const actionsOf = (catalogue: unknown) =>
  (catalogue as { admin: { audit: { actions: Record<string, string> } } }).admin.audit.actions

beforeAll(() => loadOfficeMessages())
afterAll(() => setLocale('vi'))

describe('an audit log entry', () => {
  it('says a hand-over mark in Vietnamese words: the action, its channel and kind', async () => {
    await setLocale('vi')
    const text = row().text()
    expect(text).toContain('Đánh dấu đã trao lời mời')
    expect(text).toContain('Hình thức')
    expect(text).toContain('thư in')
    expect(text).toContain('thư mời')
    expect(text).not.toContain('invitation-handed-over')
  })

  it('says it in English too', async () => {
    await setLocale('en')
    const text = row().text()
    expect(text).toContain('Invitation marked as handed over')
    expect(text).toContain('printed letter')
  })

  it.each(AUDIT_ACTIONS)('has words for "%s" in both languages', (action) => {
    expect(actionsOf(catalogueFiles.admin!.vi)[action]).toBeTruthy()
    expect(actionsOf(catalogueFiles.admin!.en)[action]).toBeTruthy()
  })
})
