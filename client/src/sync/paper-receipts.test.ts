import type { PaperFormState, ReceiptsReply, SyncResult } from '@parsurvey/shared'
import { describe, expect, it } from 'vitest'
import { createMemoryStorage } from '../storage/memory-storage.ts'
import type { DeviceStore, OutboxState } from '../storage/storage.ts'
import { testResponse } from '../test/fixtures.ts'
import { askPaperReceiptsAgain, newestPaperEntry } from './paper-receipts.ts'

const AT = '2026-10-02T09:00:00.000Z'

/** A finished response in the outbox, moved to `state` with the receipt the server gave it. */
async function sentEntry(
  storage: DeviceStore,
  channel: 'paper' | 'field',
  paper: PaperFormState | null,
  state: OutboxState = 'sent',
): Promise<string> {
  const response = testResponse({ channel, ...(channel === 'paper' ? { paperSerial: crypto.randomUUID() } : {}) })
  await storage.finishDraft(response, AT)
  if (state === 'pending') return response.id
  const receipt: SyncResult = { id: response.id, status: 'stored', hash: 'h', receivedAt: AT }
  if (paper) receipt.paperEntry = { formId: 7, state: paper, keying: 1 }
  await storage.recordSync([receipt], [{ id: response.id, state }])
  return response.id
}

/** The server at the network boundary: answers every id asked with the state in `now`. */
function server(now: Map<string, PaperFormState>) {
  const asked: string[][] = []
  const ask = async (ids: string[]): Promise<ReceiptsReply> => {
    asked.push(ids)
    return {
      receipts: ids.map((id) => ({
        id,
        status: 'duplicate',
        hash: 'h',
        receivedAt: AT,
        paperEntry: { formId: 7, state: now.get(id) ?? 'awaiting', keying: 1 },
      })),
    }
  }
  return { asked, ask }
}

describe('asking again where sent paper forms stand', () => {
  it('asks only about sent paper forms not yet settled, and keeps only the receipts that tell something new', async () => {
    const storage = createMemoryStorage()
    const awaiting = await sentEntry(storage, 'paper', 'awaiting')
    const conflict = await sentEntry(storage, 'paper', 'conflict')
    await sentEntry(storage, 'paper', 'matched')
    await sentEntry(storage, 'paper', 'resolved')
    await sentEntry(storage, 'field', null)
    await sentEntry(storage, 'paper', null, 'pending')
    const { asked, ask } = server(
      new Map([
        [awaiting, 'matched'],
        [conflict, 'conflict'],
      ]),
    )

    const outcome = await askPaperReceiptsAgain({ storage, ask }, await storage.outbox())
    expect(asked.flat().sort()).toEqual([awaiting, conflict].sort())
    expect(outcome).toEqual({ asked: 2, changed: 1 })
    expect(newestPaperEntry(await storage.receipts(awaiting))?.state).toBe('matched')
    // Unchanged: no new receipt row.
    expect(await storage.receipts(conflict)).toHaveLength(1)

    // The form now counts: it is not asked about again.
    const again = server(new Map([[conflict, 'conflict']]))
    expect(await askPaperReceiptsAgain({ storage, ask: again.ask }, await storage.outbox())).toEqual({
      asked: 1,
      changed: 0,
    })
    expect(again.asked.flat()).toEqual([conflict])
  })

  it('asks in requests of at most 100 ids, and stores nothing when the server cannot be reached', async () => {
    const storage = createMemoryStorage()
    for (let i = 0; i < 130; i++) await sentEntry(storage, 'paper', 'awaiting')
    const { asked, ask } = server(new Map())
    await askPaperReceiptsAgain({ storage, ask }, await storage.outbox())
    expect(asked.map((ids) => ids.length)).toEqual([100, 30])

    const offline = async (): Promise<ReceiptsReply> => {
      throw new TypeError('Failed to fetch')
    }
    const entries = await storage.outbox()
    const ids = entries.map((e) => e.id)
    const before = await Promise.all(ids.map((id) => storage.receipts(id)))
    await expect(askPaperReceiptsAgain({ storage, ask: offline }, entries)).rejects.toThrow('Failed to fetch')
    expect(await Promise.all(ids.map((id) => storage.receipts(id)))).toEqual(before)
  })
})
