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
import { surveyFromQuery } from './survey-param.ts'

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
 * `GET /api/progress?surveyId=&version=`: read from the aggregate tallies, never from raw rows.
 * `/by-surveyor` and `/by-day`: from the progress tallies (migration 005). A supervisor sees only
 * their units everywhere.
 */
export const progressRoutes = new Hono<AppEnv>()
  .get('/', (c) => {
    const user = currentUser(c, ['admin', 'analyst', 'supervisor'])
    const survey = surveyFromQuery(c)
    const tallies = c.get('services').aggregates.readTallies({ surveyId: survey.id, surveyVersion: survey.version })
    const cells = progressCells(survey, tallies, (unitId) => canAccessUnit(user, unitId))
    return c.json({ surveyId: survey.id, surveyVersion: survey.version, cells } satisfies ProgressReply)
  })
  .get('/by-surveyor', (c) => {
    const user = currentUser(c, ['admin', 'analyst', 'supervisor'])
    const survey = surveyFromQuery(c)
    const rows = c.get('services').progressCounts.bySurveyor({ surveyId: survey.id, surveyVersion: survey.version })
    const surveyors = surveyorProgress(rows, (unitId) => canAccessUnit(user, unitId))
    return c.json({ surveyId: survey.id, surveyVersion: survey.version, surveyors } satisfies SurveyorProgressReply)
  })
  .get('/by-day', (c) => {
    const user = currentUser(c, ['admin', 'analyst', 'supervisor'])
    const survey = surveyFromQuery(c)
    const rows = c.get('services').progressCounts.byDay({ surveyId: survey.id, surveyVersion: survey.version })
    const days = dayProgress(rows, (unitId) => canAccessUnit(user, unitId))
    return c.json({ surveyId: survey.id, surveyVersion: survey.version, days } satisfies DayProgressReply)
  })
