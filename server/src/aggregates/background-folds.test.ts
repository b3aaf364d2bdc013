import { describe, expect, it } from 'vitest'
import { createLogger } from '../http/logger.ts'
import { oneAtATime } from '../scores-services.ts'
import { backgroundFolds } from './background-folds.ts'

/** A logger whose lines are kept. */
function capturedLog() {
  const lines: { msg: string; err?: { message: string } }[] = []
  const log = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) })
  return { log, lines }
}

describe('background folds', () => {
  it('log a failed fold without throwing, and the next one runs', async () => {
    const { log, lines } = capturedLog()
    const results = ['disk full', null]
    let runs = 0
    const folds = backgroundFolds(async () => {
      runs++
      const failure = results.shift()
      if (failure) throw new Error(failure)
    }, log)
    folds.schedule()
    await folds.close()
    expect(lines.map((l) => [l.msg, l.err?.message])).toEqual([
      ['aggregates: background fold failed, the next fold adds its responses', 'disk full'],
    ])
    const again = backgroundFolds(async () => void runs++, log)
    again.schedule()
    await again.close()
    expect(runs).toBe(2)
  })

  it('run one fold at a time with one queued, however many commits come meanwhile, and close waits for both', async () => {
    const { log } = capturedLog()
    let running = 0
    let most = 0
    let runs = 0
    let release: () => void = () => {}
    const fold = oneAtATime(async () => {
      runs++
      most = Math.max(most, ++running)
      await new Promise<void>((resolve) => (release = resolve))
      running--
    })
    const folds = backgroundFolds(fold, log)
    for (let i = 0; i < 10; i++) folds.schedule()
    let closed = false
    const closing = folds.close().then(() => (closed = true))
    folds.schedule()
    await expect.poll(() => runs).toBe(1)
    release()
    await expect.poll(() => runs).toBe(2)
    expect(closed).toBe(false)
    release()
    await closing
    expect([runs, most]).toEqual([2, 1])
  })
})
