import { validateResponse } from '@parsurvey/shared'
import { fastResponse } from '../aggregates/fast-response.ts'
import type { PendingResponses } from '../aggregates/pending-responses.ts'
import type { TallyLayout } from '../aggregates/tally-layout.ts'
import { text } from './cli-error.ts'

/**
 * What one slice of a JSON Lines file holds, line numbers counted from 1 within the slice: the
 * invalid lines with their message, and the valid responses (in `pending`, not yet counted) with
 * their id and line, both in line order.
 */
export type ChunkResult = {
  /** Lines in the slice, empty ones included (they count for the numbering). */
  lines: number
  problems: { line: number; message: string }[]
  ids: string[]
  idLines: number[]
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
 * refusal) otherwise.
 */
export function scoreChunk(layout: TallyLayout, bytes: Buffer, isFirst: boolean, isLast: boolean, pending: PendingResponses): ChunkResult {
  const result: ChunkResult = { lines: 0, problems: [], ids: [], idLines: [] }
  for (const raw of linesOf(bytes, isLast)) {
    const i = result.lines++
    const line = isFirst && i === 0 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw
    if (line.trim() === '') continue
    let data: unknown
    try {
      data = JSON.parse(line)
    } catch (error) {
      result.problems.push({ line: i + 1, message: text('score-invalid-json', { detail: error instanceof Error ? error.message : String(error) }) })
      continue
    }
    let id = fastResponse(layout, data, pending)
    if (id === undefined) {
      const validation = validateResponse(layout.survey, data)
      if (!validation.ok) {
        const [first] = validation.issues
        const message = first ? `${first.field || 'response'}: ${text(first.code, { ...first.params, field: first.field })}` : 'invalid'
        result.problems.push({ line: i + 1, message })
        continue
      }
      pending.pushResponse(validation.response)
      id = validation.response.id
    }
    result.ids.push(id)
    result.idLines.push(i + 1)
  }
  return result
}
