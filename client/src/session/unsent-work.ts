import type { DeviceStore } from '../storage/storage.ts'

/** What of `owner` is on this device and not on the server: finished responses not accepted yet, and drafts. */
export type UnsentWork = { responses: number; drafts: number }

export async function unsentWork(storage: DeviceStore, owner: string): Promise<UnsentWork> {
  const [outbox, drafts] = await Promise.all([storage.outbox(owner), storage.drafts(owner)])
  return { responses: outbox.filter((e) => e.state !== 'sent').length, drafts: drafts.length }
}
