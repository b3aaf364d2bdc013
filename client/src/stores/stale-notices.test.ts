import type { Response as SurveyResponse } from '@parsurvey/shared'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApi } from '../api/endpoints.ts'
import { createHttp, type FetchFn } from '../api/http.ts'
import BackupPanel from '../components/home/BackupPanel.vue'
import { i18n, setLocale } from '../i18n/index.ts'
import { provideServices } from '../services.ts'
import { createMemoryStorage } from '../storage/memory-storage.ts'
import type { DeviceStore } from '../storage/storage.ts'
import { requestJson, testDraft, testResponse, testSurvey } from '../test/fixtures.ts'
import { useOutboxStore } from './outbox.ts'
import { useSessionStore } from './session.ts'
import { useSurveysStore } from './surveys.ts'

let storage: DeviceStore
let online = false
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 })

/** The server behind a network that is down until `online` is set: the survey list and sync. */
const fetch: FetchFn = async (url, init) => {
  if (!online) throw new TypeError('Failed to fetch')
  const survey = testSurvey()
  if (url.endsWith('/api/sync')) {
    const { responses } = (await requestJson(init)) as { responses: SurveyResponse[] }
    return json({ results: responses.map((r) => ({ id: r.id, status: 'stored', hash: 'h', receivedAt: 'x' })) })
  }
  if (url.endsWith('/api/surveys')) {
    const { id, version, year, unitKind, title } = survey
    return json({ surveys: [{ id, version, year, unitKind, title, hash: 'h', publishedAt: '2025-05-01T00:00:00Z' }] })
  }
  return json(survey)
}

beforeEach(async () => {
  await setLocale('vi')
  online = false
  storage = createMemoryStorage()
  provideServices({ storage, api: createApi(createHttp({ fetch, locale: () => 'vi' })), now: () => new Date() })
  setActivePinia(createPinia())
  useSessionStore().user = { username: 'surveyor', role: 'surveyor', units: 'all' }
})
afterEach(() => useOutboxStore().stop())

describe('notices about the network go once it is back', () => {
  it('"could not load the survey list" goes when the network is back and a sync runs', async () => {
    const surveys = useSurveysStore()
    const outbox = useOutboxStore()
    await surveys.refresh()
    expect(surveys.refreshFailed).toBe(true)
    outbox.start()

    online = true
    await outbox.sync('online')
    await vi.waitFor(() => expect(surveys.refreshFailed).toBe(false))
    expect(surveys.list.map((s) => s.id)).toEqual([testSurvey().id])
  })

  it('the backup note says the exported responses were confirmed once the server has them', async () => {
    await storage.saveDraft(testDraft({ owner: 'surveyor' }))
    await storage.finishDraft(testResponse(), '2025-05-01T08:00:00Z', 'surveyor')
    await storage.finishDraft(testResponse(), '2025-05-01T08:01:00Z', 'surveyor')
    const outbox = useOutboxStore()
    outbox.start()
    await vi.waitFor(() => expect(outbox.status).toBe('failed'))
    const panel = mount(BackupPanel, { global: { plugins: [i18n] } })
    await panel.get('[data-testid=backup-export]').trigger('click')
    const note = () => panel.get('[data-testid=backup-message]').text()
    await vi.waitFor(
      () => expect(note()).toBe('Đã xuất 1 phiếu làm dở và 2 phiếu đã hoàn thành mà máy chủ chưa xác nhận.'),
      { timeout: 10_000 },
    )

    online = true
    await outbox.sync('manual')
    await vi.waitFor(() => expect(note()).toContain('máy chủ đã xác nhận tất cả'), { timeout: 10_000 })
    expect(note()).not.toContain('chưa xác nhận')
  })

  it('in English, counts take singular and plural nouns', async () => {
    await setLocale('en')
    await storage.saveDraft(testDraft({ owner: 'surveyor' }))
    await storage.finishDraft(testResponse(), '2025-05-01T08:00:00Z', 'surveyor')
    await storage.finishDraft(testResponse(), '2025-05-01T08:01:00Z', 'surveyor')
    await useOutboxStore().refresh()
    const panel = mount(BackupPanel, { global: { plugins: [i18n] } })
    await panel.get('[data-testid=backup-export]').trigger('click')
    await vi.waitFor(() =>
      expect(panel.get('[data-testid=backup-message]').text()).toBe(
        'Exported 1 draft and 2 finished questionnaires the server has not confirmed.',
      ),
    )
  })
})
