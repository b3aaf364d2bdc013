import { scoreSurvey, surveySchema, type ScoreOptions, type Survey } from '@parsurvey/shared'
import type Database from 'better-sqlite3'
import crypto from 'node:crypto'
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type pg from 'pg'
import { readResponses } from '../cli/score-responses.ts'
import { quoteIdent } from './copy-plan.ts'

/** One engine, read through the same SQL text: `?` placeholders, rows as objects. */
export type Reader = { all<T>(text: string, params?: unknown[]): Promise<T[]> }

export const sqliteReader = (db: Database.Database): Reader => ({
  all: async <T>(text: string, params: unknown[] = []) => db.prepare(text).all(...params) as T[],
})

export const postgresReader = (client: pg.ClientBase): Reader => ({
  all: async <T>(text: string, params: unknown[] = []) => {
    let n = 0
    return (
      await client.query(
        text.replace(/\?/g, () => `$${++n}`),
        params,
      )
    ).rows as T[]
  },
})

const PAGE = 5_000

/**
 * A page of a version's effective responses (docs/storage.md: voided ones left out, the latest
 * correction in place of the stored body), by id so both engines page alike.
 */
const EFFECTIVE_PAGE = `SELECT r.id AS id, COALESCE(c.body, r.body) AS body
  FROM responses r
  LEFT JOIN response_corrections c ON c.seq = (SELECT MAX(seq) FROM response_corrections WHERE response_id = r.id)
  WHERE r.survey_id = ? AND r.survey_version = ? AND r.id > ?
    AND COALESCE((SELECT action FROM response_voids WHERE response_id = r.id ORDER BY seq DESC LIMIT 1), 'restore') <> 'void'
  ORDER BY r.id LIMIT ?`

/** The current (latest) self-assessment and adjustment sets, as the server's scores take them (analysis/score-options.ts). */
async function scoreOptions(reader: Reader, survey: Survey): Promise<ScoreOptions> {
  const key = [survey.id, survey.version]
  const options: ScoreOptions = {}
  const [self] = await reader.all<{ id: number }>(
    'SELECT id FROM self_assessment_sets WHERE survey_id = ? AND survey_version = ? ORDER BY set_version DESC LIMIT 1',
    key,
  )
  if (self) {
    const values = await reader.all<{ unit_id: string; points: number }>(
      'SELECT unit_id, points FROM self_assessment_values WHERE set_id = ? ORDER BY unit_id',
      [self.id],
    )
    options.selfAssessment = new Map(values.map((v) => [v.unit_id, v.points]))
  }
  const [adjusted] = await reader.all<{ id: number }>(
    'SELECT id FROM adjustment_sets WHERE survey_id = ? AND survey_version = ? ORDER BY set_version DESC LIMIT 1',
    key,
  )
  if (adjusted)
    options.adjustments = await reader.all<{ unitId: string; points: number }>(
      'SELECT unit_id AS "unitId", points FROM adjustment_rows WHERE set_id = ? ORDER BY line',
      [adjusted.id],
    )
  return options
}

export type VersionScores = { key: string; responses: number; invalid: number; json: string; digest: string }

/**
 * The scores of every published survey version, by the CLI's `score` (cli/score-responses.ts
 * reads, validates and counts a JSON Lines file of responses; shared/ scores the counts) over
 * the effective responses read back from this engine, with its current self-assessment and
 * adjustments.
 */
export async function scoresOf(reader: Reader): Promise<VersionScores[]> {
  const versions = await reader.all<{ id: string; version: number; definition: string }>(
    'SELECT id, version, definition FROM surveys ORDER BY id, version',
  )
  const dir = await mkdtemp(path.join(os.tmpdir(), 'parsurvey-migrate-'))
  try {
    const out: VersionScores[] = []
    for (const row of versions) {
      const survey = surveySchema.parse(JSON.parse(row.definition))
      const file = path.join(dir, `${out.length}.jsonl`)
      await writeFile(file, '')
      for (let after = ''; ;) {
        const page = await reader.all<{ id: string; body: string }>(EFFECTIVE_PAGE, [
          survey.id,
          survey.version,
          after,
          PAGE,
        ])
        if (page.length > 0) await appendFile(file, page.map((r) => `${r.body}\n`).join(''))
        if (page.length < PAGE) break
        after = page[page.length - 1]!.id
      }
      const summary = await readResponses(file, survey, () => {})
      const json = JSON.stringify(scoreSurvey(survey, summary.state, await scoreOptions(reader, survey)))
      out.push({
        key: `${survey.id} v${survey.version}`,
        responses: summary.scored,
        invalid: summary.invalid,
        json,
        digest: crypto.createHash('sha256').update(json).digest('hex'),
      })
    }
    return out
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Rows of each table, by name. */
export async function countsOf(reader: Reader, tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const name of tables) {
    const table = quoteIdent(name)
    const [row] = await reader.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`)
    counts[name] = Number(row?.n ?? 0)
  }
  return counts
}

export type Problem = { code: string; params: Record<string, string | number> }

/** What differs between the two engines' counts and scores (nothing: the copy is verified). */
export function differences(
  source: { counts: Record<string, number>; scores: VersionScores[] },
  target: { counts: Record<string, number>; scores: VersionScores[] },
): Problem[] {
  const problems: Problem[] = []
  for (const [table, rows] of Object.entries(source.counts))
    if (target.counts[table] !== rows)
      problems.push({
        code: 'migrate-count-differs',
        params: { table, source: rows, target: target.counts[table] ?? 0 },
      })
  const keys = new Set([...source.scores, ...target.scores].map((s) => s.key))
  for (const key of keys) {
    const a = source.scores.find((s) => s.key === key)
    const b = target.scores.find((s) => s.key === key)
    if (a?.json !== b?.json || a?.responses !== b?.responses)
      problems.push({ code: 'migrate-scores-differ', params: { survey: key } })
  }
  return problems
}
