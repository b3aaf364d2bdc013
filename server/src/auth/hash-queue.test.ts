import { describe, expect, it } from 'vitest'
import { createHashQueue } from './hash-queue.ts'

/** A task the test finishes by hand, recording when it started. */
function manualTasks() {
  const started: string[] = []
  const finishers: (() => void)[] = []
  const task = (name: string) => () =>
    new Promise<string>((resolve) => {
      started.push(name)
      finishers.push(() => resolve(name))
    })
  const finishOldest = async () => {
    finishers.shift()!()
    await new Promise((r) => setTimeout(r, 0))
  }
  return { started, task, finishOldest }
}

describe('the password-hash queue', () => {
  it('runs at most `concurrency` tasks at once and the rest in turn', async () => {
    const queue = createHashQueue({ concurrency: 2, maxWaiting: 10, maxWaitingPerAddress: 10 })
    const { started, task, finishOldest } = manualTasks()
    const turns = ['a', 'b', 'c'].map((name) => queue.tryRun('10.0.0.1', task(name)))
    expect(turns.every((t) => t.ok)).toBe(true)
    expect(started).toEqual(['a', 'b'])
    expect(queue.load()).toEqual({ running: 2, waiting: 1 })
    await finishOldest()
    expect(started).toEqual(['a', 'b', 'c'])
    await finishOldest()
    await finishOldest()
    expect(await Promise.all(turns.map((t) => (t.ok ? t.result : Promise.resolve(null))))).toEqual(['a', 'b', 'c'])
    expect(queue.load()).toEqual({ running: 0, waiting: 0 })
  })

  it('starts waiting work round-robin over addresses: a quiet address is not served after a whole burst', async () => {
    const queue = createHashQueue({ concurrency: 1, maxWaiting: 50, maxWaitingPerAddress: 20 })
    const { started, task, finishOldest } = manualTasks()
    for (let i = 0; i < 10; i++) queue.tryRun('burst', task(`burst-${i}`))
    queue.tryRun('quiet', task('quiet'))
    await finishOldest()
    await finishOldest()
    expect(started).toEqual(['burst-0', 'burst-1', 'quiet'])
  })

  it('refuses at once, with a wait, beyond one address’s share of the line or the whole line', () => {
    const queue = createHashQueue({ concurrency: 1, maxWaiting: 4, maxWaitingPerAddress: 2 })
    const { task } = manualTasks()
    const fromOne = [0, 1, 2, 3].map((i) => queue.tryRun('burst', task(`b${i}`)).ok)
    expect(fromOne).toEqual([true, true, true, false]) // one runs, two wait, the fourth is refused
    expect([1, 2, 3].map((i) => queue.tryRun(`other-${i}`, task(`o${i}`)).ok)).toEqual([true, true, false])
    const refused = queue.tryRun('late', task('late'))
    expect(refused.ok).toBe(false)
    expect(refused.ok ? 0 : refused.retryAfterSeconds).toBeGreaterThanOrEqual(1)
  })

  it('passes a failing task’s error to its caller and goes on with the next', async () => {
    const queue = createHashQueue({ concurrency: 1, maxWaiting: 5, maxWaitingPerAddress: 5 })
    const failing = queue.tryRun('a', () => Promise.reject(new Error('boom')))
    const next = queue.tryRun('a', () => Promise.resolve('next'))
    await expect(failing.ok && failing.result).rejects.toThrow('boom')
    expect(await (next.ok && next.result)).toBe('next')
  })
})
