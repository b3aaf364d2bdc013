import {
  type DayProgressReply,
  type ProgressCell,
  type ProgressReply,
  type Survey,
  type SurveyorProgressReply,
  type TallyRow,
} from '@parsurvey/shared'
import { Hono } from 'hono'
import { currentUser } from '../auth/middleware.ts'
import { dayProgress, surveyorProgress } from '../analysis/progress-series.ts'
import { canAccessUnit } from '../db/users.ts'
import type { AppEnv } from '../http/context.ts'
import { combinedTallies, resolveDataSet, type VersionKey } from '../analysis/data-set.ts'
import type { DayCount, SurveyorCount } from '../db/progress-counts.ts'
import type { Services } from '../services.ts'
import { surveyFromQuery } from './survey-param.ts'

/** The progress tallies of a survey version's data set: every version of it that scores alike. */
export const dataSetTallies = async (services: Services, survey: Survey): Promise<TallyRow[]> =>
  combinedTallies(services, (await resolveDataSet(services, survey)).keys)

/** Per-surveyor rows of a version's data set. */
export const dataSetSurveyorRows = (services: Services, survey: Survey): Promise<SurveyorCount[]> =>
  perVersion(services, survey, (key) => services.progressCounts.bySurveyor(key))

/** Per-day rows of a version's data set. */
export const dataSetDayRows = (services: Services, survey: Survey): Promise<DayCount[]> =>
  perVersion(services, survey, (key) => services.progressCounts.byDay(key))

/** The rows `read` gives for each version of the data set, one version after the other. */
async function perVersion<T>(services: Services, survey: Survey, read: (key: VersionKey) => Promise<T[]>) {
  const rows: T[] = []
  for (const key of (await resolveDataSet(services, survey)).keys) rows.push(...(await read(key)))
  return rows
}

/**
 * Responses against quotas per unit × group, and per location for groups whose quota is per
 * location (e.g. citizens in each sampled commune).
 */
export function progressCells(
  survey: Survey,
  tallies: TallyRow[],
  unitFilter: (unitId: string) => boolean,
): ProgressCell[] {
  const counts = new Map<string, number>()
  const add = (key: string, n: number) => counts.set(key, (counts.get(key) ?? 0) + n)
  for (const t of tallies) {
    add(`${t.unitId}|${t.groupId}|`, t.responses)
    if (t.locationId) add(`${t.unitId}|${t.groupId}|${t.locationId}`, t.responses)
  }
  const cells: ProgressCell[] = []
  for (const unit of survey.units) {
    if (!unitFilter(unit.id)) continue
    for (const group of survey.groups) {
      if (group.quotaPer === 'location' && unit.locations.length > 0) {
        for (const location of unit.locations) {
          const responses = counts.get(`${unit.id}|${group.id}|${location.id}`) ?? 0
          cells.push({ unitId: unit.id, groupId: group.id, locationId: location.id, responses, quota: group.quota })
        }
      } else {
        const responses = counts.get(`${unit.id}|${group.id}|`) ?? 0
        cells.push({ unitId: unit.id, groupId: group.id, locationId: null, responses, quota: group.quota })
      }
    }
  }
  return cells
}

/**
 * `GET /api/progress?surveyId=&version=`: read from the aggregate tallies, never from raw rows,
 * over the version's data set (`versions` lists the versions counted, analysis/data-set.ts).
 * `/by-surveyor` and `/by-day`: from the progress tallies (migration 005). A supervisor sees only
 * their units everywhere.
 */
export const progressRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const user = currentUser(c, ['admin', 'analyst', 'supervisor'])
    const survey = await surveyFromQuery(c)
    const services = c.get('services')
    const keys = (await resolveDataSet(services, survey)).keys
    const tallies = await combinedTallies(services, keys)
    const cells = progressCells(survey, tallies, (unitId) => canAccessUnit(user, unitId))
    const versions = keys.map((k) => k.surveyVersion)
    return c.json({ surveyId: survey.id, surveyVersion: survey.version, versions, cells } satisfies ProgressReply)
  })
  .get('/by-surveyor', async (c) => {
    const user = currentUser(c, ['admin', 'analyst', 'supervisor'])
    const survey = await surveyFromQuery(c)
    const rows = await dataSetSurveyorRows(c.get('services'), survey)
    const surveyors = surveyorProgress(rows, (unitId) => canAccessUnit(user, unitId))
    return c.json({ surveyId: survey.id, surveyVersion: survey.version, surveyors } satisfies SurveyorProgressReply)
  })
  .get('/by-day', async (c) => {
    const user = currentUser(c, ['admin', 'analyst', 'supervisor'])
    const survey = await surveyFromQuery(c)
    const rows = await dataSetDayRows(c.get('services'), survey)
    const days = dayProgress(rows, (unitId) => canAccessUnit(user, unitId))
    return c.json({ surveyId: survey.id, surveyVersion: survey.version, days } satisfies DayProgressReply)
  })
