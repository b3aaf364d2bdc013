import type { Response as SurveyResponse } from '@parsurvey/shared'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApi } from '../api/endpoints.ts'
import { createHttp, type FetchFn } from '../api/http.ts'
import { provideServices } from '../services.ts'
import { createMemoryStorage } from '../storage/memory-storage.ts'
import type { DeviceStore } from '../storage/storage.ts'
import { requestJson, testResponse } from '../test/fixtures.ts'
import { useOutboxStore } from './outbox.ts'
import { useSessionStore } from './session.ts'

let storage: DeviceStore
let online = true

/** The server at the network boundary: rejects responses about unit "closed", stores the rest. */
const fetch: FetchFn = async (_url, init) => {
  if (!online) throw new TypeError('Failed to fetch')
  const { responses } = (await requestJson(init)) as { responses: SurveyResponse[] }
  const results = responses.map((r) =>
    r.unitId === 'closed'
      ? {
          id: r.id,
          status: 'rejected',
          hash: null,
          receivedAt: '2025-05-01T09:00:00Z',
          error: { code: 'unknown-unit', message: 'Đơn vị không có trong phiếu' },
        }
      : { id: r.id, status: 'stored', hash: 'h', receivedAt: '2025-05-01T09:00:00Z' },
  )
  return new Response(JSON.stringify({ results }), { status: 200 })
}

beforeEach(() => {
  online = true
  storage = createMemoryStorage()
  provideServices({ storage, api: createApi(createHttp({ fetch, locale: () => 'vi' })), now: () => new Date() })
  setActivePinia(createPinia())
  useSessionStore().user = { username: 'surveyor', role: 'surveyor', units: 'all' }
})
afterEach(() => useOutboxStore().stop())

describe('outbox store', () => {
  it('the Sync button sends what is waiting and shows the refused ones with their reason', async () => {
    await storage.finishDraft(testResponse(), '2025-05-01T08:00:00Z')
    await storage.finishDraft(testResponse({ unitId: 'closed' }), '2025-05-01T08:01:00Z')
    const outbox = useOutboxStore()
    outbox.start()
    await outbox.sync('manual')
    await vi.waitFor(() => expect(outbox.status).toBe('idle'))
    await outbox.refresh()
    expect(outbox.pendingCount).toBe(0)
    expect(outbox.lastSyncAt).not.toBeNull()
    expect(outbox.refused.map((e) => e.reason?.message)).toEqual(['Đơn vị không có trong phiếu'])
  })

  it('offline, the count stays and the status says why', async () => {
    online = false
    await storage.finishDraft(testResponse(), '2025-05-01T08:00:00Z')
    const outbox = useOutboxStore()
    outbox.start()
    await outbox.sync('manual')
    await vi.waitFor(() => expect(outbox.status).toBe('failed'))
    await outbox.refresh()
    expect(outbox.pendingCount).toBe(1)
    expect(outbox.failure?.code).toBe('network')
    expect(outbox.retryAt).not.toBeNull()
  })

  it("a sent response's receipt is the server's first acceptance, whatever it answered later", async () => {
    const accepted = testResponse()
    const refused = testResponse({ unitId: 'closed' })
    await storage.recordSync(
      [
        { id: accepted.id, status: 'stored', hash: 'h', receivedAt: '2025-05-01T09:00:00Z' },
        { id: accepted.id, status: 'duplicate', hash: 'h', receivedAt: '2025-05-02T09:00:00Z' },
        { id: refused.id, status: 'rejected', hash: null, receivedAt: '2025-05-01T09:00:00Z' },
      ],
      [],
    )
    const receipts = await useOutboxStore().acceptedReceipts([accepted.id, refused.id])
    expect([...receipts]).toEqual([[accepted.id, expect.objectContaining({ receivedAt: '2025-05-01T09:00:00Z' })]])
  })

  it('a paper keyed under double entry tells where its form stood on the newest receipt that said so', async () => {
    const keying = testResponse({ channel: 'paper', paperSerial: 'BK-1' })
    await storage.recordSync(
      [
        {
          id: keying.id,
          status: 'stored',
          hash: 'h',
          receivedAt: '2025-05-01T09:00:00Z',
          paperEntry: { formId: 3, state: 'awaiting', keying: 1 },
        },
        {
          id: keying.id,
          status: 'duplicate',
          hash: 'h',
          receivedAt: '2025-05-02T09:00:00Z',
          paperEntry: { formId: 3, state: 'matched', keying: 1 },
        },
      ],
      [],
    )
    const receipt = (await useOutboxStore().acceptedReceipts([keying.id])).get(keying.id)
    expect(receipt).toMatchObject({
      receivedAt: '2025-05-01T09:00:00Z',
      paperEntry: { formId: 3, state: 'matched', keying: 1 },
    })
  })
})
