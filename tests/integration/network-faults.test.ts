import { describe, expect, it } from 'vitest'
import { runNetworkTrial } from '../support/network-harness.ts'

describe('devices syncing through a network that drops, delays, cuts and duplicates requests', () => {
  it('ends with every response stored exactly once and shown as sent on every device', async () => {
    const result = await runNetworkTrial({ devices: 3, rounds: 6, responsesPerRound: 30, seed: 20251001 })
    // The faults really happened, including acknowledgements lost after the server committed.
    expect(result.faults.cut).toBeGreaterThan(0)
    expect(result.faults.duplicate).toBeGreaterThan(0)
    expect(result.faults.drop).toBeGreaterThan(0)
    expect(result.queued).toBe(3 * 6 * 30)
    expect(result.lost).toEqual([])
    expect(result.notSent).toEqual([])
    expect(result.acknowledged).toBe(result.queued)
    expect(result.duplicated).toBe(0)
    expect(result.serverErrors).toBe(0)
    expect(result.integrity).toBe('ok')
  }, 120_000)
})
