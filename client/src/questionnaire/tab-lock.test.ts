import { afterEach, describe, expect, it } from 'vitest'
import { createDraftLock, type Channel } from './tab-lock.ts'

/** Each "tab" gets its own BroadcastChannel object on one name, as tabs of one origin do. */
const opened: BroadcastChannel[] = []
function tab(tabId: string) {
  const channel = new BroadcastChannel('tab-lock-test')
  opened.push(channel)
  return createDraftLock({ channel: channel as unknown as Channel, tabId, waitMs: 200 })
}
afterEach(() => {
  for (const c of opened.splice(0)) c.close()
})
const events: string[] = []
const handOver = (name: string) => async () => {
  events.push(`${name} saved and let go`)
}

describe('draft lock over BroadcastChannel (no Web Locks)', () => {
  it('a second tab is told the questionnaire is busy; another questionnaire is free', async () => {
    const [a, b] = [tab('a'), tab('b')]
    expect(await a.acquire('d1', { takeOver: false, onHandOver: handOver('a') })).not.toBeNull()
    expect(await b.acquire('d1', { takeOver: false, onHandOver: handOver('b') })).toBeNull()
    expect(await b.acquire('d2', { takeOver: false, onHandOver: handOver('b') })).not.toBeNull()
  })

  it('taking over makes the holder save and let go first, then the questionnaire is free to the new tab', async () => {
    events.length = 0
    const [a, b, c] = [tab('a'), tab('b'), tab('c')]
    await a.acquire('d1', { takeOver: false, onHandOver: handOver('a') })
    const taken = await b.acquire('d1', { takeOver: true, onHandOver: handOver('b') })
    expect(taken).not.toBeNull()
    expect(events).toEqual(['a saved and let go'])
    expect(await c.acquire('d1', { takeOver: false, onHandOver: handOver('c') })).toBeNull()
    taken?.release()
    expect(await c.acquire('d1', { takeOver: false, onHandOver: handOver('c') })).not.toBeNull()
  })

  it('a released questionnaire can be opened by the next tab', async () => {
    const [a, b] = [tab('a'), tab('b')]
    const held = await a.acquire('d1', { takeOver: false, onHandOver: handOver('a') })
    held?.release()
    expect(await b.acquire('d1', { takeOver: false, onHandOver: handOver('b') })).not.toBeNull()
  })

  it('two tabs claiming at the same moment: exactly one gets it', async () => {
    const [a, b] = [tab('a'), tab('b')]
    const both = await Promise.all([
      a.acquire('d1', { takeOver: false, onHandOver: handOver('a') }),
      b.acquire('d1', { takeOver: false, onHandOver: handOver('b') }),
    ])
    expect(both.filter((h) => h !== null)).toHaveLength(1)
  })
})
