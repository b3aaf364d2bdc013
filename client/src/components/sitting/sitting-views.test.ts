import type { SittingGrant } from '@parsurvey/shared'
import { makeTypedSurvey } from '@parsurvey/shared/testing'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createApi } from '../../api/endpoints.ts'
import { createHttp } from '../../api/http.ts'
import { i18n, setLocale } from '../../i18n/index.ts'
import { provideServices } from '../../services.ts'
import { createMemoryStorage } from '../../storage/memory-storage.ts'
import { useSittingStore } from '../../stores/sitting.ts'
import SittingGrid from './SittingGrid.vue'
import SittingPager from './SittingPager.vue'

const survey = makeTypedSurvey()
const grant = (sent: string[] = []): SittingGrant => ({
  kind: 'register',
  survey,
  groupId: 'citizen',
  units: ['huyen-b', 'huyen-a'].map((unitId) => ({ unitId, submitted: sent.includes(unitId), draft: null })),
  expiresAt: null,
})

beforeAll(() => setLocale('vi'))
beforeEach(() => {
  const pinia = createPinia()
  setActivePinia(pinia)
  // No network in these tests: what the views show comes from the store and the browser's copy.
  const fetch = () => Promise.reject(new TypeError('offline'))
  provideServices({
    storage: createMemoryStorage(),
    api: createApi(createHttp({ fetch, locale: () => 'vi' })),
    now: () => new Date('2026-10-02T01:00:00Z'),
  })
})

async function openSitting(sent: string[] = []) {
  const s = useSittingStore()
  await s.start('ABCD-EFGH-JKMN-PQRS', grant(sent))
  return s
}
const mountGrid = (s: ReturnType<typeof useSittingStore>) =>
  mount(SittingGrid, {
    props: {
      form: s.form!,
      record: s.record!,
      unitIds: s.unitIds,
      locked: Object.fromEntries(s.unitIds.map((id) => [id, s.statuses[id] === 'sent'])),
    },
    global: { plugins: [i18n] },
  })

describe('the sitting grid (wide screens)', () => {
  it('has one labelled radio per option and unit, grouped per question and unit, units in survey order', async () => {
    const s = await openSitting()
    const grid = mountGrid(s)
    expect(s.unitIds).toEqual(['huyen-a', 'huyen-b'])
    const radios = grid.findAll('input[type=radio][name="online@huyen-a"]')
    expect(radios.map((r) => r.attributes('aria-label'))).toEqual(['Huyện A: Có', 'Huyện A: Không'])
    expect(grid.findAll('input[type=radio][name="online@huyen-b"]')).toHaveLength(2)
    expect(grid.find('[role=region]').attributes('tabindex')).toBe('0')

    await radios[0]!.setValue(true)
    expect(grid.emitted('answer')).toEqual([['huyen-a', 'online', 'yes']])
  })

  it('asks a skipped question only in the units whose answers make it relevant', async () => {
    const s = await openSitting()
    await s.answer('huyen-a', 'online', 'yes')
    const grid = mountGrid(s)
    expect(grid.findAll('input[type=checkbox][name="ways@huyen-a"]')).toHaveLength(4)
    expect(grid.findAll('input[type=checkbox][name="ways@huyen-b"]')).toHaveLength(0)
    expect(grid.find('[data-testid=sitting-question-ways] td.skip span').attributes('aria-label')).toContain('Huyện B')
  })

  it('offers Send at the foot of a column only once its unit is complete; a sent column is locked', async () => {
    const s = await openSitting(['huyen-b'])
    let grid = mountGrid(s)
    expect(grid.find('[data-testid=sitting-send-huyen-a]').exists()).toBe(false)
    expect(grid.get('[data-testid=sitting-status-huyen-a]').text()).toMatch(/Còn \d+ câu/)
    expect(grid.get('[data-testid=sitting-status-huyen-b]').attributes('data-status')).toBe('sent')
    expect(grid.get('input[name="online@huyen-b"]').attributes('disabled')).toBeDefined()

    await s.answer('huyen-a', 'online', 'no')
    await s.answer('huyen-a', 'why-not', 'Không có mạng')
    for (const q of s.form!.questions.filter((x) => x.id.startsWith('q')))
      await s.answer('huyen-a', q.id, q.options[0]!.value)
    grid = mountGrid(s)
    expect(s.statuses['huyen-a']).toBe('ready')
    expect(grid.get('[data-testid=sitting-send-huyen-a]').attributes('aria-label')).toBe('Gửi đánh giá Huyện A')
  })
})

describe('the sitting on a phone: one unit at a time', () => {
  it('opens the first unit not sent, lists units done and to do, and moves between units', async () => {
    const s = await openSitting(['huyen-a'])
    const pager = mount(SittingPager, { global: { plugins: [i18n] } })
    expect(pager.get('[data-testid=sitting-unit-name]').text()).toBe('Huyện B')
    expect(pager.get('[data-testid=sitting-units-summary]').text()).toBe('Danh sách đơn vị: 1 đã gửi, 1 chưa gửi')
    expect(pager.get('[data-testid=sitting-go-huyen-a] [data-status]').text()).toBe('đã gửi')
    expect(pager.get('[data-testid=sitting-go-huyen-b]').attributes('aria-current')).toBe('step')
    // Only the questions asked so far: "why-not" waits for "online" = no.
    expect(pager.find('[data-question=why-not]').exists()).toBe(false)
    await s.answer('huyen-b', 'online', 'no')
    await flushPromises()
    expect(pager.find('[data-question=why-not]').exists()).toBe(true)

    await pager.get('[data-testid=sitting-prev-unit]').trigger('click')
    expect(pager.get('[data-testid=sitting-unit-name]').text()).toBe('Huyện A')
    expect(pager.find('[data-question]').exists()).toBe(false)
    expect(pager.get('[data-testid=sitting-status-huyen-a]').attributes('data-status')).toBe('sent')
  })

  it('a send with questions left names the problem at the first of them', async () => {
    const s = await openSitting()
    const pager = mount(SittingPager, { global: { plugins: [i18n] } })
    expect(await s.send('huyen-a')).toBe(false)
    await flushPromises()
    const first = s.blockedBy['huyen-a']
    expect(first).toBe(s.form!.questions[0]!.id)
    expect(pager.get(`[data-question="${first}"] [data-testid=q-problem]`).text()).not.toBe('')
    expect(pager.get('[data-testid=sitting-status-huyen-a] .error').text()).toContain('còn câu chưa trả lời')
    s.dispose()
  })
})
