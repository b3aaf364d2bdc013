import type { ScoringRows } from '@parsurvey/shared'
import {
  sql,
  type InsertObject,
  type OnConflictBuilder,
  type OnConflictDatabase,
  type OnConflictTables,
  type OnConflictUpdateBuilder,
  type RawBuilder,
} from 'kysely'
import type { ProgressRow } from '../aggregates/aggregate-delta.ts'
import { progressDayKey } from '../aggregates/progress-day.ts'
import type { Engine } from './open-storage.ts'
import type { StorageSchema } from './schema.ts'
import type { Tx } from './transactions.ts'
import { typed, unnestRows, type ArrayColumn } from './unnest-rows.ts'

type Key = { surveyId: string; surveyVersion: number }

/** Rows per INSERT: at most 9 bound values each, far below both engines' parameter limits. */
const CHUNK = 500

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK))
  return out
}

type Conflict<T extends keyof StorageSchema> = (
  oc: OnConflictBuilder<StorageSchema, T>,
) => OnConflictUpdateBuilder<OnConflictDatabase<StorageSchema, T>, OnConflictTables<T>>

/** Each stored value plus the delta: the same `+ excluded.*` upserts as db/aggregates.ts. */
const cellConflict: Conflict<'agg_cells'> = (oc) =>
  oc.columns(['survey_id', 'survey_version', 'unit_id', 'group_id', 'question_id']).doUpdateSet((eb) => ({
    count: eb('agg_cells.count', '+', eb.ref('excluded.count')),
    sum: eb('agg_cells.sum', '+', eb.ref('excluded.sum')),
    sum_sq: eb('agg_cells.sum_sq', '+', eb.ref('excluded.sum_sq')),
    dont_know: eb('agg_cells.dont_know', '+', eb.ref('excluded.dont_know')),
  }))
const optionConflict: Conflict<'agg_options'> = (oc) =>
  oc
    .columns(['survey_id', 'survey_version', 'unit_id', 'group_id', 'question_id', 'value'])
    .doUpdateSet((eb) => ({ count: eb('agg_options.count', '+', eb.ref('excluded.count')) }))
const tallyConflict: Conflict<'agg_tallies'> = (oc) =>
  oc
    .columns(['survey_id', 'survey_version', 'unit_id', 'group_id', 'location_id'])
    .doUpdateSet((eb) => ({ responses: eb('agg_tallies.responses', '+', eb.ref('excluded.responses')) }))
const progressConflict: Conflict<'agg_progress'> = (oc) =>
  oc
    .columns(['survey_id', 'survey_version', 'unit_id', 'received_by', 'day'])
    .doUpdateSet((eb) => ({ responses: eb('agg_progress.responses', '+', eb.ref('excluded.responses')) }))

const CELL_COLUMNS = [
  ['unit_id', 'text'],
  ['group_id', 'text'],
  ['question_id', 'text'],
  ['count', 'bigint'],
  ['sum', 'float8'],
  ['sum_sq', 'float8'],
  ['dont_know', 'bigint'],
] as const
const OPTION_COLUMNS = [
  ['unit_id', 'text'],
  ['group_id', 'text'],
  ['question_id', 'text'],
  ['value', 'text'],
  ['count', 'bigint'],
] as const
const TALLY_COLUMNS = [
  ['unit_id', 'text'],
  ['group_id', 'text'],
  ['location_id', 'text'],
  ['responses', 'bigint'],
] as const
const PROGRESS_COLUMNS = [
  ['unit_id', 'text'],
  ['received_by', 'bigint'],
  ['day', 'text'],
  ['responses', 'bigint'],
] as const

/** Rows per PostgreSQL statement: one array per column, so only memory bounds it. */
const PG_CHUNK = 20_000

/**
 * PostgreSQL: `INSERT … SELECT` from the rows as arrays (unnest-rows.ts), with the same upsert.
 * The version's two columns are constants of the statement.
 */
async function upsertArrays<T extends 'agg_cells' | 'agg_options' | 'agg_tallies' | 'agg_progress'>(
  trx: Tx,
  table: T,
  key: Key,
  columns: readonly ArrayColumn[],
  rows: unknown[][],
  conflict: Conflict<T>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += PG_CHUNK) {
    const source = unnestRows<Record<string, unknown>>(columns, rows.slice(i, i + PG_CHUNK))
    const names = columns.map(([name]) => name)
    await trx
      .insertInto(table)
      .columns(['survey_id', 'survey_version', ...names] as never)
      .expression(
        trx
          .selectFrom(source)
          .select([
            typed(key.surveyId, 'text').as('survey_id'),
            typed(key.surveyVersion, 'int').as('survey_version'),
            ...names.map((name) => sql.ref(`u.${name}`).as(name)),
          ]) as never,
      )
      .onConflict(conflict as never)
      .execute()
  }
}

/**
 * The aggregate tables on the async boundary, for both engines: the same upserts as
 * db/aggregates.ts and db/progress-counts.ts (each stored value plus the delta). SQLite gets
 * multi-row statements, PostgreSQL one array per column (`upsertArrays`), because a round trip
 * and a statement's parameters cost it far more than SQLite's in-process calls. The rows come
 * from the pure counting code (aggregate-delta.ts, rebuild-count.ts), which merges them per
 * aggregate row, so no statement names one row twice.
 */
export async function addScoringRows(trx: Tx, engine: Engine, key: Key, rows: ScoringRows): Promise<void> {
  const { surveyId, surveyVersion } = key
  if (engine === 'postgres') {
    const cells = rows.cells.map((r) => [r.unitId, r.groupId, r.questionId, r.count, r.sum, r.sumSq, r.dontKnow])
    const options = rows.options.map((r) => [r.unitId, r.groupId, r.questionId, r.value, r.count])
    const tallies = rows.tallies.map((r) => [r.unitId, r.groupId, r.locationId ?? '', r.responses])
    await upsertArrays(trx, 'agg_cells', key, CELL_COLUMNS, cells, cellConflict)
    await upsertArrays(trx, 'agg_options', key, OPTION_COLUMNS, options, optionConflict)
    await upsertArrays(trx, 'agg_tallies', key, TALLY_COLUMNS, tallies, tallyConflict)
    return
  }
  const version = { survey_id: surveyId, survey_version: surveyVersion }
  for (const part of chunks(rows.cells))
    await trx
      .insertInto('agg_cells')
      .values(
        part.map((r) => ({
          ...version,
          unit_id: r.unitId,
          group_id: r.groupId,
          question_id: r.questionId,
          count: r.count,
          sum: r.sum,
          sum_sq: r.sumSq,
          dont_know: r.dontKnow,
        })),
      )
      .onConflict(cellConflict)
      .execute()
  for (const part of chunks(rows.options))
    await trx
      .insertInto('agg_options')
      .values(
        part.map((r) => ({
          ...version,
          unit_id: r.unitId,
          group_id: r.groupId,
          question_id: r.questionId,
          value: r.value,
          count: r.count,
        })),
      )
      .onConflict(optionConflict)
      .execute()
  for (const part of chunks(rows.tallies))
    await trx
      .insertInto('agg_tallies')
      .values(
        part.map((r) => ({
          ...version,
          unit_id: r.unitId,
          group_id: r.groupId,
          location_id: r.locationId ?? '',
          responses: r.responses,
        })),
      )
      .onConflict(tallyConflict)
      .execute()
}

/**
 * The Vietnamese calendar day of a submission time that is not a plain ISO time (see
 * progress-day.ts), in SQL: SQLite's expression is db/progress-counts.ts's; PostgreSQL reads the
 * ISO forms SQLite reads (`Z` or `±HH:MM`) the same way and, like SQLite, falls back to the
 * time's first ten characters for anything else.
 */
function dayOf(engine: Engine, time: string): RawBuilder<string> {
  if (engine === 'sqlite') return sql<string>`COALESCE(date(${time}, '+7 hours'), substr(${time}, 1, 10))`
  return sql<string>`CASE WHEN ${time}::text ~ '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$'
    THEN to_char((${time}::timestamptz AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD')
    ELSE substr(${time}::text, 1, 10) END`
}

/**
 * Adds merged progress rows (responses per unit × sending account × day). A plain ISO time's day
 * is the one `progressDayKey` gives, which both engines' SQL agree with, so those rows go in by
 * the chunk; the rare other ones one at a time with the day computed in SQL, since two of them
 * may fall on one stored day (and a statement may not name a row twice).
 */
export async function addProgressRows(trx: Tx, engine: Engine, key: Key, rows: ProgressRow[]): Promise<void> {
  const version = { survey_id: key.surveyId, survey_version: key.surveyVersion }
  const plain: ProgressRow[] = []
  const other: ProgressRow[] = []
  for (const r of rows) (progressDayKey(r.submittedAt) !== r.submittedAt ? plain : other).push(r)
  const upsert = (
    values: InsertObject<StorageSchema, 'agg_progress'> | InsertObject<StorageSchema, 'agg_progress'>[],
  ) => trx.insertInto('agg_progress').values(values).onConflict(progressConflict).execute()
  if (engine === 'postgres') {
    const days = plain.map((r) => [r.unitId, r.receivedBy ?? 0, progressDayKey(r.submittedAt), r.responses])
    await upsertArrays(trx, 'agg_progress', key, PROGRESS_COLUMNS, days, progressConflict)
  } else
    for (const part of chunks(plain))
      await upsert(
        part.map((r) => ({
          ...version,
          unit_id: r.unitId,
          received_by: r.receivedBy ?? 0,
          day: progressDayKey(r.submittedAt),
          responses: r.responses,
        })),
      )
  for (const r of other)
    await upsert({
      ...version,
      unit_id: r.unitId,
      received_by: r.receivedBy ?? 0,
      day: dayOf(engine, r.submittedAt),
      responses: r.responses,
    })
}

/** Removes a survey version's aggregate rows (a rebuild writes them anew in the same transaction). */
export async function clearVersion(trx: Tx, key: Key): Promise<void> {
  for (const table of ['agg_cells', 'agg_options', 'agg_tallies', 'agg_progress'] as const)
    await trx
      .deleteFrom(table)
      .where('survey_id', '=', key.surveyId)
      .where('survey_version', '=', key.surveyVersion)
      .execute()
}

/** A survey version's aggregate state as rows (what `stateFromRows` reads), in key order. */
export async function readScoringRows(trx: Tx, key: Key): Promise<ScoringRows> {
  const cells = await trx
    .selectFrom('agg_cells')
    .where('survey_id', '=', key.surveyId)
    .where('survey_version', '=', key.surveyVersion)
    .select(['unit_id', 'group_id', 'question_id', 'count', 'sum', 'sum_sq', 'dont_know'])
    .orderBy('unit_id')
    .orderBy('group_id')
    .orderBy('question_id')
    .execute()
  const options = await trx
    .selectFrom('agg_options')
    .where('survey_id', '=', key.surveyId)
    .where('survey_version', '=', key.surveyVersion)
    .select(['unit_id', 'group_id', 'question_id', 'value', 'count'])
    .orderBy('unit_id')
    .orderBy('group_id')
    .orderBy('question_id')
    .orderBy('value')
    .execute()
  return {
    cells: cells.map((r) => ({
      unitId: r.unit_id,
      groupId: r.group_id,
      questionId: r.question_id,
      count: r.count,
      sum: r.sum,
      sumSq: r.sum_sq,
      dontKnow: r.dont_know,
    })),
    options: options.map((r) => ({
      unitId: r.unit_id,
      groupId: r.group_id,
      questionId: r.question_id,
      value: r.value,
      count: r.count,
    })),
    tallies: await readTallyRows(trx, key),
  }
}

/** A survey version's response tallies per unit × group × location, in key order. */
export async function readTallyRows(trx: Tx, key: Key): Promise<ScoringRows['tallies']> {
  const tallies = await trx
    .selectFrom('agg_tallies')
    .where('survey_id', '=', key.surveyId)
    .where('survey_version', '=', key.surveyVersion)
    .select(['unit_id', 'group_id', 'location_id', 'responses'])
    .orderBy('unit_id')
    .orderBy('group_id')
    .orderBy('location_id')
    .execute()
  return tallies.map((r) => ({
    unitId: r.unit_id,
    groupId: r.group_id,
    locationId: r.location_id === '' ? null : r.location_id,
    responses: r.responses,
  }))
}

/** A survey version's progress rows (unit, account, day, responses), in key order. */
export async function readProgressRows(
  trx: Tx,
  key: Key,
): Promise<{ unitId: string; receivedBy: number; day: string; responses: number }[]> {
  const rows = await trx
    .selectFrom('agg_progress')
    .select(['unit_id', 'received_by', 'day', 'responses'])
    .where('survey_id', '=', key.surveyId)
    .where('survey_version', '=', key.surveyVersion)
    .orderBy('unit_id')
    .orderBy('received_by')
    .orderBy('day')
    .execute()
  return rows.map((r) => ({ unitId: r.unit_id, receivedBy: r.received_by, day: r.day, responses: r.responses }))
}
