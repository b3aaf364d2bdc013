import { createReadStream } from 'node:fs'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import {
  addResponse,
  emptyState,
  generateResponses,
  scoreSurvey,
  validateResponse,
  type Survey,
} from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import { afterAll, describe, expect, it } from 'vitest'
import { text } from './cli-error.ts'
import { readResponses, type ReadOptions } from './score-responses.ts'

const survey = makeSurvey()
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-score-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

/** `score`'s reader as it was before slices and threads (readline, one line at a time): the reference. */
async function referenceRead(file: string, s: Survey) {
  const state = emptyState()
  const seen = new Map<string, number>()
  const messages: string[] = []
  const summary = { scored: 0, invalid: 0, duplicates: 0 }
  let lineNumber = 0
  for await (const raw of createInterface({
    input: createReadStream(file, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  })) {
    lineNumber += 1
    const line = lineNumber === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw
    if (line.trim() === '') continue
    const problem = (message: string) => {
      summary.invalid += 1
      messages.push(text('score-line', { line: lineNumber, message }))
    }
    let data: unknown
    try {
      data = JSON.parse(line)
    } catch (error) {
      problem(text('score-invalid-json', { detail: error instanceof Error ? error.message : String(error) }))
      continue
    }
    const result = validateResponse(s, data)
    if (!result.ok) {
      const [first] = result.issues
      problem(
        first
          ? `${first.field || 'response'}: ${text(first.code, { ...first.params, field: first.field })}`
          : 'invalid',
      )
      continue
    }
    const firstLine = seen.get(result.response.id)
    if (firstLine !== undefined) {
      summary.duplicates += 1
      messages.push(
        text('score-line', {
          line: lineNumber,
          message: text('score-duplicate-response', { id: result.response.id, first: firstLine }),
        }),
      )
      continue
    }
    seen.set(result.response.id, lineNumber)
    addResponse(state, s, result.response)
    summary.scored += 1
  }
  return { scores: scoreSurvey(s, state), messages, ...summary }
}

async function read(file: string, options: ReadOptions) {
  const messages: string[] = []
  const { state, ...summary } = await readResponses(file, survey, (m) => messages.push(m), options)
  return { scores: scoreSurvey(survey, state), messages, ...summary }
}

/** A file with everything a reader can trip on, line breaks of every kind and odd lines between valid ones. */
function awkwardFile(name: string, bom: boolean, trailingBreak: boolean): string {
  const responses = [...generateResponses(survey, 300, name)].map((r) => JSON.stringify(r))
  const upper = JSON.stringify({
    ...JSON.parse(responses[5]!),
    id: (JSON.parse(responses[5]!) as { id: string }).id.toUpperCase(),
  })
  const odd = [
    '',
    '   ',
    '{not json',
    '[]',
    '{}',
    JSON.stringify({ ...JSON.parse(responses[1]!), unitId: 'nowhere' }),
    responses[3]!,
    upper,
    upper,
    '\t',
  ]
  const breaks = ['\n', '\r\n', '\r', '\n\n']
  const lines: string[] = []
  responses.forEach((r, i) => {
    lines.push(r + breaks[i % breaks.length]!)
    if (i % 7 === 0) lines.push(odd[(i / 7) % odd.length]! + breaks[(i + 1) % breaks.length]!)
  })
  let body = lines.join('')
  if (!trailingBreak) body = body.replace(/[\r\n]+$/, '')
  const file = path.join(dir, `${name}.jsonl`)
  fs.writeFileSync(file, (bom ? '\uFEFF' : '') + body)
  return file
}

describe('readResponses', () => {
  it.each([
    ['on this thread, whole file at once', { threads: 0 }],
    ['on this thread, in small slices', { threads: 0, sliceBytes: 700 }],
    ['on two worker threads, in small slices', { threads: 2, sliceBytes: 3000 }],
  ])('reports, skips and scores exactly as the line-by-line reader (%s)', async (_name, options) => {
    for (const [bom, trailing] of [
      [true, true],
      [false, false],
    ] as const) {
      const file = awkwardFile(`awkward-${bom}-${trailing}`, bom, trailing)
      const want = await referenceRead(file, survey)
      expect(want.duplicates).toBeGreaterThan(0)
      expect(want.invalid).toBeGreaterThan(0)
      expect(await read(file, options)).toEqual(want)
    }
  })

  it('reads a line longer than a slice whole', async () => {
    const [r] = [...generateResponses(survey, 1, 'long')]
    const file = path.join(dir, 'long.jsonl')
    fs.writeFileSync(file, `${JSON.stringify({ ...r, answers: { ...r!.answers, comment: 'x'.repeat(3000) } })}\n`)
    expect(await read(file, { threads: 0, sliceBytes: 256 })).toEqual(await referenceRead(file, survey))
  })

  it('reads an empty file as no responses', async () => {
    const file = path.join(dir, 'empty.jsonl')
    fs.writeFileSync(file, '')
    expect(await read(file, { threads: 2 })).toMatchObject({ scored: 0, invalid: 0, duplicates: 0, messages: [] })
  })
})
