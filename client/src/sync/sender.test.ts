import type { Response as SurveyResponse, SyncResult } from '@parsurvey/shared'
import { describe, expect, it } from 'vitest'
import { createApi } from '../api/endpoints.ts'
import { createHttp, type FetchFn } from '../api/http.ts'
import { createDexieStorage } from '../storage/dexie-storage.ts'
import type { DeviceStore } from '../storage/storage.ts'
import { requestJson, testResponse } from '../test/fixtures.ts'
import { createSender, SYNC_BATCH_SIZE, type SyncOutcome } from './sender.ts'

const retryIn = (outcome: SyncOutcome) => (outcome.ok ? Number.NaN : outcome.retryInMs)

let dbCount = 0
// The real Dexie storage on fake-indexeddb: only the network is stood in for.
const newStorage = () => createDexieStorage(`sender-test-${++dbCount}`)

type Decide = (response: SurveyResponse) => Pick<SyncResult, 'status' | 'error'>

/** A stand-in for the server at the network boundary: records every request, answers per response. */
function fakeServer(decide: Decide = () => ({ status: 'stored' })) {
  const requests: SurveyResponse[][] = []
  let offline = false
  const fetch: FetchFn = async (url, init) => {
    if (offline) throw new TypeError('Failed to fetch')
    expect(url).toBe('/api/sync')
    const { responses } = (await requestJson(init)) as { responses: SurveyResponse[] }
    requests.push(responses)
    const results = responses.map((r) => ({ id: r.id, hash: 'h', receivedAt: '2025-05-01T09:00:00Z', ...decide(r) }))
    return new Response(JSON.stringify({ results }), { status: 200, headers: { 'Content-Type': 'application/json' } })
  }
  return { fetch, requests, goOffline: (value: boolean) => (offline = value) }
}

function senderFor(storage: DeviceStore, fetch: FetchFn) {
  const api = createApi(createHttp({ fetch, locale: () => 'vi' }))
  return createSender({ storage, send: api.sync, random: () => 0.5, now: () => new Date('2025-05-01T09:00:00Z') })
}

async function queue(storage: DeviceStore, count: number): Promise<SurveyResponse[]> {
  const responses: SurveyResponse[] = []
  for (let i = 0; i < count; i++) {
    const response = testResponse()
    await storage.finishDraft(response, new Date(Date.UTC(2025, 4, 1, 8, 0, i)).toISOString())
    responses.push(response)
  }
  return responses
}

describe('sync sender', () => {
  it('sends the outbox in batches of at most fifty, oldest first', async () => {
    const storage = newStorage()
    const queued = await queue(storage, 120)
    const server = fakeServer()
    const outcome = await senderFor(storage, server.fetch).run()
    expect(server.requests.map((batch) => batch.length)).toEqual([SYNC_BATCH_SIZE, SYNC_BATCH_SIZE, 20])
    expect(server.requests.flat().map((r) => r.id)).toEqual(queued.map((r) => r.id))
    expect(outcome).toEqual({ ok: true, sent: 120, refused: 0, pending: 0 })
  })

  it('marks stored and duplicate responses as sent, keeps their receipts and the sync time', async () => {
    const storage = newStorage()
    const [a, b] = await queue(storage, 2)
    const server = fakeServer((r) => ({ status: r.id === a!.id ? 'stored' : 'duplicate' }))
    await senderFor(storage, server.fetch).run()
    expect((await storage.outbox()).map((e) => e.state)).toEqual(['sent', 'sent'])
    expect(await storage.receipts(b!.id)).toMatchObject([{ id: b!.id, status: 'duplicate', hash: 'h' }])
    expect(await storage.lastSyncAt()).toBe('2025-05-01T09:00:00.000Z')
    await senderFor(storage, server.fetch).run()
    expect(server.requests).toHaveLength(1)
  })

  it('settles a response queued with an upper-case id by the receipt the server gives in lower case', async () => {
    const storage = newStorage()
    const response = { ...testResponse(), id: testResponse().id.toUpperCase() }
    await storage.finishDraft(response, '2025-05-01T08:00:00Z')
    const server = fakeServer()
    // The server compares and stores ids in lower case, and answers with that form.
    const lowering: FetchFn = async (url, init) => {
      const reply = (await (await server.fetch(url, init)).json()) as { results: SyncResult[] }
      const results = reply.results.map((r) => ({ ...r, id: r.id.toLowerCase() }))
      return new Response(JSON.stringify({ results }), { status: 200, headers: { 'Content-Type': 'application/json' } })
    }
    expect(await senderFor(storage, lowering).run()).toEqual({ ok: true, sent: 1, refused: 0, pending: 0 })
    expect(await storage.receipts(response.id)).toMatchObject([{ status: 'stored' }])
  })

  it('keeps conflicting and rejected responses with the reason, and does not send them again', async () => {
    const storage = newStorage()
    const [ok, conflict, rejected] = await queue(storage, 3)
    const server = fakeServer((r) =>
      r.id === conflict!.id
        ? { status: 'conflict', error: { code: 'response-conflict', message: 'Phiếu đã có với nội dung khác' } }
        : r.id === rejected!.id
          ? { status: 'rejected', error: { code: 'unknown-unit', message: 'Không có đơn vị này', field: 'unitId' } }
          : { status: 'stored' },
    )
    const outcome = await senderFor(storage, server.fetch).run()
    expect(outcome).toEqual({ ok: true, sent: 1, refused: 2, pending: 0 })
    const byId = new Map((await storage.outbox()).map((e) => [e.id, e]))
    expect(byId.get(ok!.id)?.state).toBe('sent')
    expect(byId.get(conflict!.id)).toMatchObject({ state: 'conflict', reason: { code: 'response-conflict' } })
    expect(byId.get(rejected!.id)).toMatchObject({
      state: 'rejected',
      reason: { code: 'unknown-unit', field: 'unitId' },
    })
    await senderFor(storage, server.fetch).run()
    expect(server.requests).toHaveLength(1)
  })

  it('keeps everything pending when the network fails, and waits longer after each failure', async () => {
    const storage = newStorage()
    await queue(storage, 3)
    const server = fakeServer()
    server.goOffline(true)
    const sender = senderFor(storage, server.fetch)
    const first = await sender.run()
    const second = await sender.run()
    expect(first).toMatchObject({ ok: false, error: { code: 'network', status: null }, pending: 3 })
    expect(retryIn(second)).toBeGreaterThan(retryIn(first))
    expect((await storage.pending(50)).map((e) => e.attempts)).toEqual([2, 2, 2])
    server.goOffline(false)
    expect(await sender.run()).toMatchObject({ ok: true, sent: 3, pending: 0 })
  })

  it('treats an HTTP error like a failed attempt, keeping the server message', async () => {
    const storage = newStorage()
    await queue(storage, 1)
    const fetch: FetchFn = async () =>
      new Response(JSON.stringify({ error: { code: 'unauthenticated', message: 'Hãy đăng nhập lại' } }), {
        status: 401,
      })
    const outcome = await senderFor(storage, fetch).run()
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', message: 'Hãy đăng nhập lại', status: 401 },
    })
    expect(await storage.countPending()).toBe(1)
  })

  it('sends a response with the same id and content on every attempt', async () => {
    const storage = newStorage()
    const [response] = await queue(storage, 1)
    const server = fakeServer()
    let calls = 0
    // The first request reaches the server but its reply is lost.
    const lossy: FetchFn = async (url, init) => {
      const reply = await server.fetch(url, init)
      if (++calls === 1) throw new TypeError('connection reset')
      return reply
    }
    const sender = senderFor(storage, lossy)
    expect((await sender.run()).ok).toBe(false)
    expect((await sender.run()).ok).toBe(true)
    expect(server.requests).toEqual([[response], [response]])
  })
})
