import { createReadStream } from 'node:fs'
import { mkdtemp, open, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { dataSetsOf, mergeStates, scoringDifferences, scoringDifferenceText, type Survey } from '@parsurvey/shared'
import { CliInputError, text } from './cli-error.ts'
import { readResponses, type ReadSummary } from './score-responses.ts'

/**
 * Several `--survey` files: versions of one survey and year that score alike are one data set,
 * scored together as the server does (shared/src/survey/data-sets.ts), through the newest
 * version's definition. Anything else is refused, saying what differs.
 */
export function oneDataSet(surveys: Survey[]): Survey {
  const newest = surveys.reduce((a, b) => (b.version > a.version ? b : a))
  const versions = new Set(surveys.map((s) => s.version))
  if (versions.size !== surveys.length) throw new CliInputError([text('score-data-set-repeated')])
  for (const survey of surveys) {
    if (survey.id !== newest.id || survey.year !== newest.year)
      throw new CliInputError([
        text('score-data-set-other-survey', { version: survey.version, id: survey.id, year: survey.year }),
      ])
    const differences = scoringDifferences(newest, survey)
    if (differences.length > 0)
      throw new CliInputError([
        text('score-data-set-differs', {
          version: survey.version,
          newest: newest.version,
          reasons: differences.map((d) => scoringDifferenceText(d, 'en')).join('; '),
        }),
      ])
  }
  if (dataSetsOf(surveys).length !== 1) throw new CliInputError([text('score-data-set-repeated')])
  return newest
}

/**
 * Reads a JSON Lines file holding responses of several versions of one data set: each version's
 * lines are read and validated against that version's definition (the file is split into one
 * file per version with the other lines left empty, so every message keeps the file's line
 * numbers), and the states are added up. A line that is not JSON or names no given version goes
 * with the newest version's lines, which reports it. A response id already read for another
 * version is the same response: the later copy is skipped and reported, as within a version.
 */
export async function readDataSetResponses(
  file: string,
  surveys: Survey[],
  newest: Survey,
  report: (message: string) => void,
): Promise<ReadSummary> {
  const dir = await mkdtemp(path.join(tmpdir(), 'parsurvey-score-'))
  try {
    const parts = new Map<number, { survey: Survey; file: string }>(
      surveys.map((s) => [s.version, { survey: s, file: path.join(dir, `v${s.version}.jsonl`) }]),
    )
    const handles = new Map(
      await Promise.all(surveys.map(async (s) => [s.version, await open(parts.get(s.version)!.file, 'w')] as const)),
    )
    const seen = new Map<string, { version: number; line: number }>()
    let crossDuplicates = 0
    try {
      const buffers = new Map<number, string[]>(surveys.map((s) => [s.version, []]))
      const flush = async () => {
        for (const [version, lines] of buffers) {
          if (lines.length === 0) continue
          await handles.get(version)!.write(lines.join(''))
          buffers.set(version, [])
        }
      }
      let line = 0
      for await (const raw of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
        line += 1
        const owner = ownerOf(raw, parts, newest.version, seen, line)
        if (owner === 'duplicate') {
          crossDuplicates += 1
          const { id, first } = duplicateOf(raw, seen)
          report(text('score-line', { line, message: text('score-duplicate-response', { id, first }) }))
        }
        for (const [version, lines] of buffers) lines.push(version === owner ? `${raw}\n` : '\n')
        if (line % 2000 === 0) await flush()
      }
      await flush()
    } finally {
      await Promise.all([...handles.values()].map((h) => h.close()))
    }
    const summaries: ReadSummary[] = []
    for (const { survey, file: part } of parts.values()) summaries.push(await readResponses(part, survey, report))
    return {
      state: summaries.map((s) => s.state).reduce((a, b) => mergeStates(a, b)),
      scored: summaries.reduce((n, s) => n + s.scored, 0),
      invalid: summaries.reduce((n, s) => n + s.invalid, 0),
      duplicates: summaries.reduce((n, s) => n + s.duplicates, 0) + crossDuplicates,
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** The version whose file takes the line, or 'duplicate' for an id first read for another version. */
function ownerOf(
  raw: string,
  parts: Map<number, unknown>,
  newest: number,
  seen: Map<string, { version: number; line: number }>,
  line: number,
): number | 'duplicate' {
  let data: unknown
  try {
    data = JSON.parse(raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw)
  } catch {
    return newest
  }
  const { id, surveyVersion } = (data ?? {}) as { id?: unknown; surveyVersion?: unknown }
  if (typeof surveyVersion !== 'number' || !parts.has(surveyVersion)) return newest
  if (typeof id === 'string') {
    const key = id.toLowerCase()
    const first = seen.get(key)
    if (first && first.version !== surveyVersion) return 'duplicate'
    if (!first) seen.set(key, { version: surveyVersion, line })
  }
  return surveyVersion
}

function duplicateOf(raw: string, seen: Map<string, { version: number; line: number }>) {
  const id = String((JSON.parse(raw) as { id: string }).id)
  return { id, first: seen.get(id.toLowerCase())!.line }
}
