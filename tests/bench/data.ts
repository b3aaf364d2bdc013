import { createServices, openDatabase } from '@parsurvey/server'
import { isSingleChoice, canonicalJson, generateResponses, parseSurveyText, type Response, type Survey } from '@parsurvey/shared'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { rebuildAggregates } from '../../server/src/aggregates/rebuild.ts'
import { repoRoot } from '../support/server-process.ts'

/** The demo department survey, as published from `surveys/`. */
export function demoSurvey(): Survey {
  const file = path.join(repoRoot, 'surveys/par-2026-department.yaml')
  const parsed = parseSurveyText(fs.readFileSync(file, 'utf8'), 'par-2026-department.yaml')
  if (!parsed.ok) throw new Error('the demo survey is invalid')
  return parsed.survey
}

/**
 * The demo survey scaled to the shape of docs/performance.md: 100 units, 4 groups, 30 choice questions asked
 * of every group (so a response carries about 30 answers), under its own id so it never clashes
 * with the demo survey the server publishes on start. Checked by the real survey parser.
 */
export function benchSurvey(units = 100): Survey {
  const demo = demoSurvey()
  const groups = demo.groups.slice(0, 4)
  const groupIds = groups.map((g) => g.id)
  const choice = demo.questions.filter((q) => isSingleChoice(q))
  // One question per criterion first (every leaf must keep one), then the rest in survey order.
  const firstOfLeaf = choice.filter((q, i) => q.criterion !== undefined && choice.findIndex((o) => o.criterion === q.criterion) === i)
  const questions = [...firstOfLeaf, ...choice.filter((q) => !firstOfLeaf.includes(q))]
    .slice(0, 30)
    .map((q) => ({ ...q, groups: groupIds }))
  const variant = {
    ...demo,
    id: 'bench-department',
    groups,
    units: Array.from({ length: units }, (_, i) => {
      const n = String(i + 1).padStart(3, '0')
      return { id: `unit-${n}`, name: { vi: `Đơn vị ${n}`, en: `Unit ${n}` }, locations: [] }
    }),
    questions,
  }
  const parsed = parseSurveyText(JSON.stringify(variant), 'bench-department.json')
  if (!parsed.ok) throw new Error(`bench survey invalid: ${JSON.stringify(parsed.issues.slice(0, 3))}`)
  return parsed.survey
}

/** The same synthetic responses as `pnpm parsurvey generate` for this survey, count and seed. */
export function responses(survey: Survey, count: number, seed = 'bench'): Generator<Response> {
  return generateResponses(survey, count, seed)
}

/** What the server stores for a response: canonical JSON and its sha-256 (= `contentHash`). */
export function stored(response: Response): { body: string; hash: string } {
  const body = canonicalJson(response)
  return { body, hash: createHash('sha256').update(body).digest('hex') }
}

/**
 * A database folder holding `count` responses to `survey`, written straight with SQL (rows of
 * 50,000 per transaction) with aggregate tables computed in memory through the scoring engine,
 * as a rebuild would write them. Much faster than HTTP; the server started on it later finds a
 * ready database (demo surveys and accounts are added by its first start).
 */
export function fillDatabase(dataDir: string, survey: Survey, count: number, seed = 'bench'): { dbFile: string; answers: number } {
  fs.mkdirSync(dataDir, { recursive: true })
  const dbFile = path.join(dataDir, 'parsurvey.db')
  const db = openDatabase(dbFile)
  // Fixture data, rebuilt on every run: no fsync, and a page cache big enough for the random
  // inserts into the id index (a million UUIDs).
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -262144')
  const services = createServices(db)
  services.sqlite.surveys.publish(survey, null)
  const insert = db.prepare(
    `INSERT INTO responses (id, survey_id, survey_version, unit_id, group_id, location_id, channel, body, hash, received_at, received_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
  )
  const receivedAt = new Date().toISOString()
  let answers = 0
  let chunk: Response[] = []
  const flush = db.transaction((rows: Response[]) => {
    for (const r of rows) {
      const { body, hash } = stored(r)
      insert.run(r.id, r.surveyId, r.surveyVersion, r.unitId, r.groupId, r.locationId, r.channel, body, hash, receivedAt)
    }
  })
  for (const response of responses(survey, count, seed)) {
    for (const value of Object.values(response.answers)) if (value !== null) answers++
    chunk.push(response)
    if (chunk.length === 50_000) {
      flush(chunk)
      chunk = []
    }
  }
  flush(chunk)
  // The aggregates, progress tallies and fold watermark exactly as the product computes them.
  rebuildAggregates(services, survey)
  db.close()
  return { dbFile, answers }
}
