import { describe, expect, it } from 'vitest'
import { runCrashTrial } from '../support/crash-harness.ts'

const KILLS = 5

describe('a server killed with SIGKILL in the middle of sync batches', () => {
  it(`loses no acknowledged response and stores none twice over ${KILLS} kills`, async () => {
    const result = await runCrashTrial({ kills: KILLS, clients: 3, batch: 100, responsesPerRound: 600, seed: 'crash' })
    expect(result.kills).toBe(KILLS)
    expect(result.lost).toEqual([])
    expect(result.duplicated).toBe(0)
    expect(result.unexpected).toBe(0)
    expect(result.badReceipts).toEqual([])
    expect(result.serverErrors).toBe(0)
    // After the last restart everything is sent, so every response is acknowledged and stored.
    expect(result.acknowledged).toBe(result.sent)
    expect(result.storedResponses).toBe(result.sent)
    expect(result.talliedResponses).toBe(result.sent)
    expect(result.integrity).toBe('ok')
    expect(result.aggregatesEqualRebuild).toBe(true)
  }, 240_000)
})
