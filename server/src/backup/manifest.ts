import { scoreSurvey, stateFromRows } from '@parsurvey/shared'
import crypto from 'node:crypto'
import { currentScoreOptions } from '../analysis/score-options.ts'
import { openDatabase } from '../db/connection.ts'
import { createServices, type Services } from '../services.ts'

/** The name of the manifest inside a scheduled backup archive. */
export const MANIFEST_FILE = 'parsurvey-backup.json'

/**
 * What a backup holds, written beside it when it is taken and compared by the restore drill:
 * the rows of every table, and a digest of each survey version's official scores (the server's
 * own scoring: shared/ on the aggregates, with the current self-assessment and adjustments).
 */
export type Manifest = {
  takenAt: string
  tables: Record<string, number>
  scores: Record<string, string>
}

/** Rows of every table of the database, by name. */
export function tableCounts(services: Pick<Services, 'db'>): Record<string, number> {
  const names = services.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[]
  return Object.fromEntries(
    names.map((name) => [
      name,
      services.db
        .prepare(`SELECT COUNT(*) FROM "${name.replace(/"/g, '""')}"`)
        .pluck()
        .get() as number,
    ]),
  )
}

/** A digest of the official scores of every survey version (`id vN` → sha256 of the scores as JSON). */
export function scoreDigests(services: Services): Record<string, string> {
  services.folding.flush()
  const digests: Record<string, string> = {}
  for (const { id, version } of services.sqlite.surveys.list()) {
    const survey = services.sqlite.surveys.get(id, version)!.survey
    const key = { surveyId: id, surveyVersion: version }
    const rows = services.sqlite.aggregates.read(key)
    const scores = scoreSurvey(survey, stateFromRows(rows), currentScoreOptions(services.sqlite, key))
    digests[`${id} v${version}`] = crypto.createHash('sha256').update(JSON.stringify(scores)).digest('hex')
  }
  return digests
}

/**
 * Opens a copy of the database (never the live one: responses a crash left unfolded are folded
 * into it first, as the server's start does) and describes it.
 */
export function describeCopy(file: string, takenAt: Date): Manifest {
  const services = createServices(openDatabase(file))
  try {
    const scores = scoreDigests(services)
    return { takenAt: takenAt.toISOString(), tables: tableCounts(services), scores }
  } finally {
    services.folding.close()
    // The copy is archived as one file: nothing may stay behind in its -wal.
    services.db.pragma('wal_checkpoint(TRUNCATE)')
    services.db.close()
  }
}
