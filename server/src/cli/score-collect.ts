import v8 from 'node:v8'
import vm from 'node:vm'

/** Old-space growth (bytes) since the last full collection that makes `collectIfGrown` collect. */
const SLACK = 2 << 20

/**
 * A full collection of this thread's heap whenever its old space has grown by SLACK since the
 * last one. Parsing a million JSON lines leaves garbage in a worker's old space — the hidden
 * classes of every order of answers met (JSON.parse makes one per key sequence) and what each
 * scavenge promotes — and V8 lets it grow by 8 MB or more before a full collection: ~6 MB a
 * worker between 100,000 and 1,000,000 responses, all of it dead. A collection here costs a
 * few milliseconds on a heap of ~15 MB, about once per 30 MB of the file.
 *
 * `gc` is exposed the way jest's leak detector does it: the flag, then a fresh context.
 */
export function oldSpaceCollector(): { collectIfGrown(): void } {
  // `pnpm bench` measures the memory check without it too (bench/RESULTS.md), to keep it honest.
  if (process.env.PARSURVEY_FORCED_GC === 'off') return { collectIfGrown() {} }
  v8.setFlagsFromString('--expose-gc')
  const gc = vm.runInNewContext('gc') as () => void
  const oldSpace = (): number =>
    v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')?.space_used_size ?? 0
  let base = oldSpace()
  return {
    collectIfGrown() {
      if (oldSpace() - base < SLACK) return
      gc()
      base = oldSpace()
    },
  }
}
