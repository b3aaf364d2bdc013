import type { ScoringRows } from '@parsurvey/shared'
import type { DB } from './connection.ts'
import type { WriteGeneration } from './write-generation.ts'

type Key = { surveyId: string; surveyVersion: number }

/**
 * The aggregate state per unit × group × question (and option counts and response tallies).
 * `add` runs in the fold that adds stored responses in bulk and moves the watermark
 * (aggregates/folding.ts), and in the review actions' transactions, so after a fold the
 * aggregates are those of the stored responses; scores and progress read only these tables
 * (services.ts folds before each read). Every write bumps
 * `generation`, which invalidates the cached scores.
 */
export function aggregatesRepository(db: DB, generation: WriteGeneration) {
  const upsertCell = db.prepare(
    `INSERT INTO agg_cells (survey_id, survey_version, unit_id, group_id, question_id, count, sum, sum_sq, dont_know)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET count = count + excluded.count, sum = sum + excluded.sum,
       sum_sq = sum_sq + excluded.sum_sq, dont_know = dont_know + excluded.dont_know`,
  )
  const upsertOption = db.prepare(
    `INSERT INTO agg_options (survey_id, survey_version, unit_id, group_id, question_id, value, count)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET count = count + excluded.count`,
  )
  const upsertTally = db.prepare(
    `INSERT INTO agg_tallies (survey_id, survey_version, unit_id, group_id, location_id, responses)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET responses = responses + excluded.responses`,
  )
  const cells = db.prepare(
    `SELECT unit_id AS unitId, group_id AS groupId, question_id AS questionId, count, sum, sum_sq AS sumSq, dont_know AS dontKnow
     FROM agg_cells WHERE survey_id = ? AND survey_version = ?`,
  )
  const options = db.prepare(
    `SELECT unit_id AS unitId, group_id AS groupId, question_id AS questionId, value, count
     FROM agg_options WHERE survey_id = ? AND survey_version = ?`,
  )
  const tallies = db.prepare(
    `SELECT unit_id AS unitId, group_id AS groupId, NULLIF(location_id, '') AS locationId, responses
     FROM agg_tallies WHERE survey_id = ? AND survey_version = ?`,
  )
  const responseCount = db
    .prepare<[string, number], number>(
      'SELECT COALESCE(SUM(responses), 0) FROM agg_tallies WHERE survey_id = ? AND survey_version = ?',
    )
    .pluck()
  const clear = ['agg_cells', 'agg_options', 'agg_tallies'].map((table) =>
    db.prepare(`DELETE FROM ${table} WHERE survey_id = ? AND survey_version = ?`),
  )

  /** Adds (sign 1) or subtracts (sign -1) one response's contribution rows. */
  function add({ surveyId, surveyVersion }: Key, rows: ScoringRows, sign: 1 | -1 = 1): void {
    generation.bump()
    for (const r of rows.cells) {
      upsertCell.run(
        surveyId,
        surveyVersion,
        r.unitId,
        r.groupId,
        r.questionId,
        sign * r.count,
        sign * r.sum,
        sign * r.sumSq,
        sign * r.dontKnow,
      )
    }
    for (const r of rows.options) {
      upsertOption.run(surveyId, surveyVersion, r.unitId, r.groupId, r.questionId, r.value, sign * r.count)
    }
    for (const r of rows.tallies) {
      upsertTally.run(surveyId, surveyVersion, r.unitId, r.groupId, r.locationId ?? '', sign * r.responses)
    }
  }

  return {
    add,
    /** The whole aggregate state of one survey version, as rows for `stateFromRows`. */
    read({ surveyId, surveyVersion }: Key): ScoringRows {
      return {
        cells: cells.all(surveyId, surveyVersion) as ScoringRows['cells'],
        options: options.all(surveyId, surveyVersion) as ScoringRows['options'],
        tallies: tallies.all(surveyId, surveyVersion) as ScoringRows['tallies'],
      }
    },
    /** Only the response tallies of a survey version: all that progress needs (far fewer rows than the cells). */
    readTallies({ surveyId, surveyVersion }: Key): ScoringRows['tallies'] {
      return tallies.all(surveyId, surveyVersion) as ScoringRows['tallies']
    },
    /** How many responses count in a survey version (voided ones do not). */
    responses({ surveyId, surveyVersion }: Key): number {
      return responseCount.get(surveyId, surveyVersion) ?? 0
    },
    /**
     * Replaces the aggregates of a survey version: only inside `rebuildAggregates`' transaction,
     * after its `folding.flush({ except })`, or a later fold would add the version's unfolded
     * responses a second time.
     */
    replace(key: Key, rows: ScoringRows): void {
      generation.bump()
      for (const stmt of clear) stmt.run(key.surveyId, key.surveyVersion)
      add(key, rows)
    },
  }
}
export type AggregatesRepository = ReturnType<typeof aggregatesRepository>
