import { beforeEach, describe, expect, it } from 'vitest'
import { testDraft } from '../test/fixtures.ts'
import { createDraftJournal, recoverDraftJournal } from './draft-journal.ts'
import { createMemoryStorage } from './memory-storage.ts'

beforeEach(() => localStorage.clear())

describe('recovering the draft journal at start-up', () => {
  it('puts an answer whose IndexedDB write was cut short back into storage, so the backup file has it', async () => {
    const storage = createMemoryStorage()
    const stored = testDraft({ cursor: 1, answers: { q1: 'good' }, updatedAt: '2025-10-01T08:01:00+07:00' })
    await storage.saveDraft(stored)
    const journal = createDraftJournal()
    journal.write({ ...stored, cursor: 2, answers: { q1: 'good', q2: 'fair' }, updatedAt: '2025-10-01T08:02:00+07:00' })

    expect(await recoverDraftJournal(storage, journal)).toBe(1)
    expect(await storage.draft(stored.id)).toMatchObject({ cursor: 2, answers: { q1: 'good', q2: 'fair' } })
    expect(journal.pending()).toEqual([])
  })

  it('never lets an older journal entry overwrite a newer stored draft', async () => {
    const storage = createMemoryStorage()
    const stored = testDraft({ cursor: 3, updatedAt: '2025-10-01T08:05:00+07:00' })
    await storage.saveDraft(stored)
    const journal = createDraftJournal()
    journal.write({ ...stored, cursor: 1, updatedAt: '2025-10-01T08:01:00+07:00' })
    expect(await recoverDraftJournal(storage, journal)).toBe(0)
    expect((await storage.draft(stored.id))?.cursor).toBe(3)
  })

  it('drops an entry whose draft is gone (finished) instead of bringing it back', async () => {
    const storage = createMemoryStorage()
    const journal = createDraftJournal()
    journal.write(testDraft())
    expect(await recoverDraftJournal(storage, journal)).toBe(0)
    expect(await storage.draft(testDraft().id)).toBeUndefined()
    expect(journal.pending()).toEqual([])
  })
})
