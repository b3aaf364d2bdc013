import { validateResponse } from '@parsurvey/shared'
import { fastResponse } from '../aggregates/fast-response.ts'
import type { PendingResponses } from '../aggregates/pending-responses.ts'
import type { CounterLayout } from '../aggregates/counter-layout.ts'
import { text } from './cli-error.ts'
import { lowercaseUuidKey } from './id-set.ts'

/** Words per valid response in `ChunkResult.keys`: the id's 128 bits, then its line. */
export const KEY_WORDS = 5

/**
 * What one slice of a JSON Lines file holds, line numbers counted from 1 within the slice: the
 * invalid lines with their message, and the valid responses (in `pending`, not yet counted) with
 * their id and line, both in line order.
 *
 * The ids travel as numbers, not strings: a slice's id strings lived across a collection or two
 * and were promoted, so a worker's old generation grew with the file (and the main thread then
 * parsed each string again). An id written as a lowercase UUID is its 128 bits; any other (a
 * UUID with capitals, rarer) is also given as written in `others`.
 */
export type ChunkResult = {
  /** Lines in the slice, empty ones included (they count for the numbering). */
  lines: number
  problems: { line: number; message: string }[]
  /** Valid responses in `keys`: KEY_WORDS words each, response `i` from word `i × KEY_WORDS`. */
  count: number
  /** The buffer given to `scoreChunk`, or a bigger one when that was too small. */
  keys: Uint32Array
  /** The responses whose id is not a lowercase UUID (their key words are unused), by number, ascending. */
  others: { response: number; id: string }[]
}

/** Line breaks as node's readline reads them (crlfDelay: Infinity): \r\n, \n, or a lone \r. */
const BREAK = /\r\n|\n|\r/

/**
 * The lines of a slice of whole lines, one at a time (`isLast`: it ends the file, so text after
 * the last break is a line, unless empty — readline emits no empty last line; in a middle slice
 * that text is always empty). Decoded line by line, so each string dies young: the lines of a
 * whole slice held at once would outlive collections and pile up in the old generation.
 */
function* linesOf(bytes: Buffer, isLast: boolean): Generator<string> {
  if (bytes.includes(0x0d)) {
    const lines = bytes.toString('utf8').split(BREAK)
    if (!(isLast && lines[lines.length - 1] !== '')) lines.pop()
    yield* lines
    return
  }
  let start = 0
  for (let end = bytes.indexOf(0x0a); end !== -1; end = bytes.indexOf(0x0a, start)) {
    yield bytes.toString('utf8', start, end)
    start = end + 1
  }
  if (isLast && start < bytes.length) yield bytes.toString('utf8', start)
}

/**
 * Reads a slice of whole lines of the file (`isFirst`: it starts the file, whose UTF-8 BOM is
 * ignored). Each line is checked as `score` always has: JSON.parse, then validateResponse —
 * through the counting fast path when it can decide, the full validation (which words the
 * refusal) otherwise. The ids go into `keys` (grown into a new buffer if need be).
 */
export function scoreChunk(
  layout: CounterLayout,
  bytes: Buffer,
  isFirst: boolean,
  isLast: boolean,
  pending: PendingResponses,
  keys: Uint32Array,
): ChunkResult {
  const result: ChunkResult = { lines: 0, problems: [], count: 0, keys, others: [] }
  for (const raw of linesOf(bytes, isLast)) {
    const i = result.lines++
    const line = isFirst && i === 0 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw
    if (line.trim() === '') continue
    let data: unknown
    try {
      data = JSON.parse(line)
    } catch (error) {
      result.problems.push({
        line: i + 1,
        message: text('score-invalid-json', { detail: error instanceof Error ? error.message : String(error) }),
      })
      continue
    }
    let id = fastResponse(layout, data, pending)
    if (id === undefined) {
      const validation = validateResponse(layout.survey, data)
      if (!validation.ok) {
        const [first] = validation.issues
        const message = first
          ? `${first.field || 'response'}: ${text(first.code, { ...first.params, field: first.field })}`
          : 'invalid'
        result.problems.push({ line: i + 1, message })
        continue
      }
      pending.pushResponse(validation.response)
      id = validation.response.id
    }
    const at = result.count * KEY_WORDS
    if (at + KEY_WORDS > result.keys.length) {
      const grown = new Uint32Array(Math.max(KEY_WORDS * 1024, result.keys.length * 2))
      grown.set(result.keys)
      result.keys = grown
    }
    if (!lowercaseUuidKey(id, result.keys, at)) result.others.push({ response: result.count, id })
    result.keys[at + 4] = i + 1
    result.count++
  }
  return result
}
