import { DomainError, type Survey } from '@parsurvey/shared'
import { resolveDataSet } from '../analysis/data-set.ts'
import { officialScores } from '../analysis/official-scores.ts'
import { Hono } from 'hono'
import { currentUser } from '../auth/middleware.ts'
import { canAccessUnit, type User } from '../db/users.ts'
import { attachment } from '../export/attachment.ts'
import { csvStream } from '../export/csv-stream.ts'
import { matrixTable } from '../export/matrix-table.ts'
import { dayTable, progressTable, surveyorTable } from '../export/progress-tables.ts'
import { dayProgress, surveyorProgress } from '../analysis/progress-series.ts'
import { dataSetDayRows, dataSetSurveyorRows, dataSetTallies, progressCells } from './progress.ts'
import { responsesLongTable } from '../export/responses-long.ts'
import { responsesWideTable } from '../export/responses-wide.ts'
import { scoresTable } from '../export/scores-table.ts'
import type { ExportTable, ExportView } from '../export/table.ts'
import { xlsxStream } from '../export/xlsx-stream.ts'
import type { AppEnv } from '../http/context.ts'
import type { Services } from '../services.ts'
import { surveyFromQuery } from './survey-param.ts'

type Build = (services: Services, survey: Survey, user: User, view: ExportView) => Promise<ExportTable>

/** The raw response exports (long or wide): the data set's responses, a supervisor's units only. */
function responseRows(table: typeof responsesLongTable): { roles: User['role'][]; build: Build } {
  return {
    roles: ['admin', 'analyst', 'supervisor'],
    build: async (s, survey, user, view) => {
      const versions = (await resolveDataSet(s, survey)).surveys
      return table(survey, versions, await s.responseExports.open(), (unitId) => canAccessUnit(user, unitId), view)
    },
  }
}

/**
 * The exports and who may download them; a supervisor gets only the rows of their units. Each
 * covers the chosen version's data set (analysis/data-set.ts): its versions that score alike.
 */
const EXPORTS: Record<string, { roles: User['role'][]; build: Build }> = {
  'responses-long': responseRows(responsesLongTable),
  'responses-wide': responseRows(responsesWideTable),
  scores: {
    roles: ['admin', 'analyst'],
    build: async (s, survey, _user, view) => scoresTable(survey, (await officialScores(s, survey)).scores, view),
  },
  matrix: {
    roles: ['admin', 'analyst', 'supervisor'],
    build: async (s, survey, user, view) =>
      matrixTable(survey, (await officialScores(s, survey)).state, (unitId) => canAccessUnit(user, unitId), view),
  },
  // The Progress view's tables (see routes/progress.ts); a supervisor gets their units only.
  progress: {
    roles: ['admin', 'analyst', 'supervisor'],
    build: async (s, survey, user, view) =>
      progressTable(
        survey,
        progressCells(survey, await dataSetTallies(s, survey), (unitId) => canAccessUnit(user, unitId)),
        view,
      ),
  },
  'progress-by-surveyor': {
    roles: ['admin', 'analyst', 'supervisor'],
    build: async (s, survey, user) =>
      surveyorTable(surveyorProgress(await dataSetSurveyorRows(s, survey), (unitId) => canAccessUnit(user, unitId))),
  },
  'progress-by-day': {
    roles: ['admin', 'analyst', 'supervisor'],
    build: async (s, survey, user) =>
      dayTable(dayProgress(await dataSetDayRows(s, survey), (unitId) => canAccessUnit(user, unitId))),
  },
}

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const

/** `?lang=vi|en` (Vietnamese by default) and `?header=ids` (the machine view), see docs/formats.md. */
function viewFromQuery(lang: string | undefined, header: string | undefined): ExportView {
  if (lang !== undefined && lang !== 'vi' && lang !== 'en')
    throw new DomainError('export-bad-option', {
      status: 400,
      field: 'lang',
      params: { value: lang, allowed: 'vi, en' },
    })
  if (header !== undefined && header !== 'ids' && header !== 'labels')
    throw new DomainError('export-bad-option', {
      status: 400,
      field: 'header',
      params: { value: header, allowed: 'labels, ids' },
    })
  return { locale: lang ?? 'vi', ids: header === 'ids' }
}

/**
 * `GET /api/exports/<name>.<csv|xlsx>?surveyId=&version=[&lang=en][&header=ids]`, streamed:
 * responses-long, responses-wide, scores, matrix, progress tables. CSV is UTF-8 with BOM and
 * CRLF; XLSX has bold frozen headers (ids, then words) and real dates.
 */
export const exportRoutes = new Hono<AppEnv>().get('/:file', async (c) => {
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
  const view = viewFromQuery(c.req.query('lang'), c.req.query('header'))
  const survey = await surveyFromQuery(c)
  const services = c.get('services')
  const versions = (await resolveDataSet(services, survey)).keys.map((k) => k.surveyVersion)
  const fileName = `${survey.id}-v${versions.join('-')}-${name}.${format}`
  const table = await spec.build(services, survey, user, view)
  try {
    await services.audit.record({
      userId: user.id,
      action: 'export-download',
      target: `${survey.id}@${survey.version}`,
      after: { file: fileName },
    })
  } catch (error) {
    // The table holds a reader (a connection on PostgreSQL) until it is closed.
    await table.close()
    throw error
  }
  const body = format === 'csv' ? csvStream(table, view) : xlsxStream(table, name, view)
  return c.body(body, 200, {
    'Content-Type': CONTENT_TYPES[format],
    'Content-Disposition': attachment(fileName),
    'Cache-Control': 'no-store',
  })
})
