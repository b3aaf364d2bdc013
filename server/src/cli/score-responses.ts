import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { addResponse, emptyState, validateResponse, type ScoringState, type Survey } from '@parsurvey/shared'
import { text } from './cli-error.ts'

export type ReadSummary = { state: ScoringState; scored: number; invalid: number; duplicates: number }

/**
 * Streams a JSON Lines file of responses into a scoring state, one line at a time, so memory
 * holds the state and the ids seen (for duplicates), never the file.
 * Each problem is passed to `report` as "line N: …"; empty lines are ignored; a UTF-8 BOM is ignored.
 * A response id seen before is the same response (domain.md): the later copy is skipped.
 */
export async function readResponses(path: string, survey: Survey, report: (message: string) => void): Promise<ReadSummary> {
  const state = emptyState()
  const seen = new Map<string, number>()
  const summary: ReadSummary = { state, scored: 0, invalid: 0, duplicates: 0 }
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })
  let lineNumber = 0
  for await (const raw of lines) {
    lineNumber += 1
    const line = lineNumber === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw
    if (line.trim() === '') continue
    const problem = (message: string): void => {
      summary.invalid += 1
      report(text('score-line', { line: lineNumber, message }))
    }
    let data: unknown
    try {
      data = JSON.parse(line)
    } catch (error) {
      problem(text('score-invalid-json', { detail: error instanceof Error ? error.message : String(error) }))
      continue
    }
    const result = validateResponse(survey, data)
    if (!result.ok) {
      const [first] = result.issues
      problem(first ? `${first.field || 'response'}: ${text(first.code, { ...first.params, field: first.field })}` : 'invalid')
      continue
    }
    const { response } = result
    const firstLine = seen.get(response.id)
    if (firstLine !== undefined) {
      summary.duplicates += 1
      report(text('score-line', { line: lineNumber, message: text('score-duplicate-response', { id: response.id, first: firstLine }) }))
      continue
    }
    seen.set(response.id, lineNumber)
    addResponse(state, survey, response)
    summary.scored += 1
  }
  return summary
}
