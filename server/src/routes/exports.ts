import { currentScoreOptions } from '../analysis/score-options.ts'
import { DomainError, scoreSurvey, stateFromRows, type Survey } from '@parsurvey/shared'
import { Hono } from 'hono'
import { currentUser } from '../auth/middleware.ts'
import { openExportReader } from '../db/export-reader.ts'
import { canAccessUnit, type User } from '../db/users.ts'
import { attachment } from '../export/attachment.ts'
import { csvStream } from '../export/csv-stream.ts'
import { matrixTable } from '../export/matrix-table.ts'
import { dayTable, progressTable, surveyorTable } from '../export/progress-tables.ts'
import { dayProgress, surveyorProgress } from '../analysis/progress-series.ts'
import { progressCells } from './progress.ts'
import { responsesLongTable } from '../export/responses-long.ts'
import { responsesWideTable } from '../export/responses-wide.ts'
import { scoresTable } from '../export/scores-table.ts'
import type { ExportTable } from '../export/table.ts'
import { xlsxStream } from '../export/xlsx-stream.ts'
import type { AppEnv } from '../http/context.ts'
import type { Services } from '../services.ts'
import { surveyFromQuery } from './survey-param.ts'

type Build = (services: Services, survey: Survey, user: User) => ExportTable

/** The exports and who may download them; a supervisor gets only the rows of their units. */
const EXPORTS: Record<string, { roles: User['role'][]; build: Build }> = {
  'responses-long': {
    roles: ['admin', 'analyst', 'supervisor'],
    build: (s, survey, user) =>
      responsesLongTable(survey, openExportReader(s.db), (unitId) => canAccessUnit(user, unitId)),
  },
  'responses-wide': {
    roles: ['admin', 'analyst', 'supervisor'],
    build: (s, survey, user) =>
      responsesWideTable(survey, openExportReader(s.db), (unitId) => canAccessUnit(user, unitId)),
  },
  scores: {
    roles: ['admin', 'analyst'],
    build: (s, survey) => {
      const key = { surveyId: survey.id, surveyVersion: survey.version }
      return scoresTable(
        survey,
        scoreSurvey(survey, stateFromRows(s.aggregates.read(key)), currentScoreOptions(s, key)),
      )
    },
  },
  matrix: {
    roles: ['admin', 'analyst', 'supervisor'],
    build: (s, survey, user) =>
      matrixTable(
        survey,
        stateFromRows(s.aggregates.read({ surveyId: survey.id, surveyVersion: survey.version })),
        (unitId) => canAccessUnit(user, unitId),
      ),
  },
  // The Progress view's tables (see routes/progress.ts); a supervisor gets their units only.
  progress: {
    roles: ['admin', 'analyst', 'supervisor'],
    build: (s, survey, user) =>
      progressTable(
        survey,
        progressCells(
          survey,
          s.aggregates.readTallies({ surveyId: survey.id, surveyVersion: survey.version }),
          (unitId) => canAccessUnit(user, unitId),
        ),
      ),
  },
  'progress-by-surveyor': {
    roles: ['admin', 'analyst', 'supervisor'],
    build: (s, survey, user) =>
      surveyorTable(
        surveyorProgress(
          s.progressTallies.bySurveyor({ surveyId: survey.id, surveyVersion: survey.version }),
          (unitId) => canAccessUnit(user, unitId),
        ),
      ),
  },
  'progress-by-day': {
    roles: ['admin', 'analyst', 'supervisor'],
    build: (s, survey, user) =>
      dayTable(
        dayProgress(s.progressTallies.byDay({ surveyId: survey.id, surveyVersion: survey.version }), (unitId) =>
          canAccessUnit(user, unitId),
        ),
      ),
  },
}

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const

/**
 * `GET /api/exports/<name>.<csv|xlsx>?surveyId=&version=`, streamed: responses-long,
 * responses-wide, scores, matrix. CSV is UTF-8 with BOM and CRLF; XLSX has bold frozen headers.
 */
export const exportRoutes = new Hono<AppEnv>().get('/:file', (c) => {
  currentUser(c)
  const match = /^([a-z-]+)\.(csv|xlsx)$/.exec(c.req.param('file'))
  const name = match?.[1] ?? ''
  const format = match?.[2] as keyof typeof CONTENT_TYPES | undefined
  const spec = EXPORTS[name]
  if (!spec || !format || !Object.hasOwn(EXPORTS, name)) {
    const names = Object.keys(EXPORTS)
      .flatMap((n) => [`${n}.csv`, `${n}.xlsx`])
      .join(', ')
    throw new DomainError('export-unknown', { status: 404, params: { name: c.req.param('file'), names } })
  }
  const user = currentUser(c, spec.roles)
  const survey = surveyFromQuery(c)
  const services = c.get('services')
  const fileName = `${survey.id}-v${survey.version}-${name}.${format}`
  services.audit.record({
    userId: user.id,
    action: 'export-download',
    target: `${survey.id}@${survey.version}`,
    after: { file: fileName },
  })
  const table = spec.build(services, survey, user)
  const body = format === 'csv' ? csvStream(table) : xlsxStream(table, name)
  return c.body(body, 200, {
    'Content-Type': CONTENT_TYPES[format],
    'Content-Disposition': attachment(fileName),
    'Cache-Control': 'no-store',
  })
})
