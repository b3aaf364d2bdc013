import { mount } from '@vue/test-utils'
import type { SyncResult } from '@parsurvey/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { i18n, setLocale } from '../../i18n/index.ts'
import SyncResults from './SyncResults.vue'

const notice = { code: 'sync-round-closed', message: 'Đợt khảo sát đã kết thúc ngày 20/12/2026.' }
const result = (id: string, extra: Partial<SyncResult> = {}): SyncResult => ({
  id,
  status: 'stored',
  hash: 'h',
  receivedAt: '2026-12-21T01:00:00.000Z',
  ...extra,
})

describe('SyncResults', () => {
  beforeAll(() => setLocale('vi'))

  it('tells the surveyor once how many of the sent responses came in after the round closed', () => {
    const view = mount(SyncResults, {
      props: { results: [result('a', { notice }), result('b', { notice }), result('c')] },
      global: { plugins: [i18n] },
    })
    expect(view.get('[data-testid=sync-notice-sync-round-closed]').text()).toBe(
      '2 phiếu: Đợt khảo sát đã kết thúc ngày 20/12/2026.',
    )
    expect(view.get('[data-testid=sync-result-a]').text()).toContain(notice.message)
    expect(view.find('[data-testid=sync-result-c]').text()).not.toContain(notice.message)
  })

  it('shows no notice when the server attached none', () => {
    const view = mount(SyncResults, { props: { results: [result('a')] }, global: { plugins: [i18n] } })
    expect(view.find('[role=note]').exists()).toBe(false)
  })
})

describe('SyncResults of paper forms under double entry', () => {
  beforeAll(() => setLocale('vi'))

  it('says a paper form awaits its second keying or differs, not just that it was received', () => {
    const view = mount(SyncResults, {
      props: {
        results: [
          result('a', { paperEntry: { formId: 1, state: 'awaiting', keying: 1 } }),
          result('b', { paperEntry: { formId: 2, state: 'conflict', keying: 2 } }),
          result('c'),
        ],
      },
      global: { plugins: [i18n] },
    })
    expect(view.get('[data-testid=paper-entry-result-a]').text()).toBe(
      'Phiếu giấy, lần nhập 1: chờ nhập lần hai, chưa được tính.',
    )
    expect(view.get('[data-testid=paper-entry-result-b]').text()).toContain('chờ giám sát viên đối chiếu')
    expect(view.find('[data-testid=paper-entry-result-c]').exists()).toBe(false)
  })
})
