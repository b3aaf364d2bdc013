import { open } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import type { ScoringState, Survey } from '@parsurvey/shared'
import { text } from './cli-error.ts'
import { KEY_WORDS, type ChunkResult } from './score-chunk.ts'
import { inThreadReader, workerReader, type SliceReader } from './score-threads.ts'
import { IdSet, uuidOfKey } from './id-set.ts'

export type ReadSummary = { state: ScoringState; scored: number; invalid: number; duplicates: number }

export type ReadOptions = {
  /** Worker threads reading the file; 0 reads on this thread. Default: by file size and cores. */
  threads?: number
  /** Bytes read at a time (a slice is then cut after its last line break). */
  sliceBytes?: number
}

const SLICE_BYTES = 1 << 20
/** Fewer bytes than any valid response takes on a line (its id alone is 36): sizes the key buffers. */
const MIN_RESPONSE_BYTES = 128
/** Below this a file is read on this thread: starting workers would cost more than they save. */
export const THREADED_FROM_BYTES = 16 << 20

/**
 * Streams a JSON Lines file of responses into a scoring state, a slice of lines at a time, so
 * memory holds the state, a few slices and the ids seen (for duplicates), never the file.
 * Each problem is passed to `report` as "line N: …", in line order; empty lines are ignored; a
 * UTF-8 BOM is ignored. A response id seen before is the same response (docs/formats.md): the later
 * copy is skipped. Big files are read by worker threads, each slice parsed, validated and counted
 * on one of them; this thread numbers the lines, decides duplicates and reports, in file order.
 */
export async function readResponses(
  path: string,
  survey: Survey,
  report: (message: string) => void,
  options: ReadOptions = {},
): Promise<ReadSummary> {
  const file = await open(path, 'r')
  try {
    const size = (await file.stat()).size
    const threads = options.threads ?? (size >= THREADED_FROM_BYTES ? Math.min(4, availableParallelism()) : 0)
    const reader = threads > 0 ? workerReader(survey, threads) : inThreadReader(survey)
    try {
      return await readSlices(file, size, reader, report, options.sliceBytes ?? SLICE_BYTES)
    } finally {
      await reader.close()
    }
  } finally {
    await file.close()
  }
}

type FileHandle = Awaited<ReturnType<typeof open>>

async function readSlices(
  file: FileHandle,
  size: number,
  reader: SliceReader,
  report: (message: string) => void,
  sliceBytes: number,
): Promise<ReadSummary> {
  const summary = { scored: 0, invalid: 0, duplicates: 0 }
  const inFlight: { seq: number; bytes: number; result: Promise<{ result: ChunkResult; bytes: Uint8Array }> }[] = []
  /** Slice buffers and key buffers given back, to use again. */
  const free: Uint8Array[] = []
  const freeKeys: Uint32Array[] = []
  let ids: IdSet | undefined
  let lineBase = 0

  /** Takes the oldest slice's result: its problems and duplicates reported in line order. */
  const settle = async (): Promise<void> => {
    const slice = inFlight.shift()!
    const { result, bytes } = await slice.result
    free.push(bytes)
    // Sized once from the first slice's bytes per line: growing the table means copying it.
    ids ??= new IdSet(result.lines > 0 ? (size / (slice.bytes / result.lines)) * 1.05 : 1024)
    const { keys, others } = result
    const skip: number[] = []
    let p = 0
    let o = 0
    const problem = (i: number) => {
      const { line, message } = result.problems[i]!
      summary.invalid += 1
      report(text('score-line', { line: lineBase + line, message }))
    }
    for (let i = 0; i < result.count; i++) {
      const at = i * KEY_WORDS
      const line = lineBase + keys[at + 4]!
      while (p < result.problems.length && lineBase + result.problems[p]!.line < line) problem(p++)
      const other = o < others.length && others[o]!.response === i ? others[o++]!.id : undefined
      const first = other === undefined ? ids.firstLineOfKey(keys, at, line) : ids.firstLineOfOther(other, line)
      if (first === undefined) {
        summary.scored += 1
        continue
      }
      summary.duplicates += 1
      skip.push(i)
      report(
        text('score-line', {
          line,
          message: text('score-duplicate-response', { id: other ?? uuidOfKey(keys, at), first }),
        }),
      )
    }
    freeKeys.push(keys)
    while (p < result.problems.length) problem(p++)
    reader.verdict(slice.seq, skip)
    lineBase += result.lines
  }

  let position = 0
  let carry: Uint8Array = new Uint8Array(0)
  let seq = 0
  while (position < size || carry.length > 0) {
    const want = Math.max(sliceBytes, carry.length * 2)
    const reused = free.pop()
    const buffer: Uint8Array =
      reused && reused.buffer.byteLength >= want ? new Uint8Array(reused.buffer, 0, want) : new Uint8Array(want)
    buffer.set(carry)
    const { bytesRead } = await file.read(buffer, carry.length, want - carry.length, position)
    position += bytesRead
    const filled = carry.length + bytesRead
    const isLast = bytesRead === 0 || position >= size
    // Cut after the last \n: a \r\n is never split, nor is a UTF-8 character (0x0a is never part of one).
    const cut = isLast ? filled : buffer.subarray(0, filled).lastIndexOf(0x0a) + 1
    if (cut === 0) {
      // One line longer than a slice: read on until it ends.
      carry = buffer.subarray(0, filled)
      continue
    }
    carry = buffer.slice(cut, filled)
    const bytes = buffer.subarray(0, cut)
    // Room for a response per MIN_RESPONSE_BYTES bytes; a slice of shorter lines grows its own.
    const keys = freeKeys.pop() ?? new Uint32Array(Math.ceil(want / MIN_RESPONSE_BYTES) * KEY_WORDS)
    const result = reader.read(seq, bytes, keys, seq === 0, isLast)
    // Awaited in order by `settle`; until then a failure must not count as unhandled.
    result.catch(() => undefined)
    inFlight.push({ seq, bytes: cut, result })
    seq++
    if (inFlight.length >= reader.depth) await settle()
    if (isLast) break
  }
  while (inFlight.length > 0) await settle()
  const counter = await reader.finish()
  return { state: counter.toState(), ...summary }
}
