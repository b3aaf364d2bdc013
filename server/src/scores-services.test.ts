import { describe, expect, it } from 'vitest'
import { oneAtATime } from './scores-services.ts'

/** A fold that ends (or fails) when the test says so; `started` counts how many began. */
function controlledFold() {
  const pending: { end(): void; fail(): void }[] = []
  const fold = oneAtATime(
    () =>
      new Promise<void>((resolve, reject) =>
        pending.push({ end: resolve, fail: () => reject(new Error('fold failed')) }),
      ),
  )
  return { fold, pending }
}
const settle = () => new Promise((resolve) => setImmediate(resolve))

describe('folds of one server, one at a time', () => {
  it('makes the reads that come during a fold share the next one, which starts after it', async () => {
    const { fold, pending } = controlledFold()
    const first = fold()
    const [a, b] = [fold(), fold()]
    expect(a).toBe(b)
    // Not the running fold: it may have read the watermark before these reads came.
    expect(a).not.toBe(first)
    await settle()
    expect(pending).toHaveLength(1)
    pending[0]!.end()
    await first
    await settle()
    expect(pending).toHaveLength(2)
    pending[1]!.end()
    await a
    // Nothing running: a read starts its own fold at once.
    const c = fold()
    expect(pending).toHaveLength(3)
    pending[2]!.end()
    await c
  })

  it('still runs the next fold when the running one fails, and gives the failure to its own readers', async () => {
    const { fold, pending } = controlledFold()
    const first = fold()
    const next = fold()
    pending[0]!.fail()
    await expect(first).rejects.toThrow('fold failed')
    await settle()
    pending[1]!.end()
    await expect(next).resolves.toBeUndefined()
  })
})
