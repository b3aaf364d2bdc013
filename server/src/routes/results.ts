import { buildResultsPack, DomainError, type Survey } from '@parsurvey/shared'
import { Hono } from 'hono'
import { currentUser } from '../auth/middleware.ts'
import { attachment } from '../export/attachment.ts'
import type { AppEnv } from '../http/context.ts'
import { resultsDocument } from '../results/docx.ts'
import { resultsWorkbook } from '../results/xlsx.ts'
import { officialScores } from '../analysis/official-scores.ts'
import { surveyFromQuery } from './survey-param.ts'

const TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const

/**
 * `GET /api/results/pack.xlsx|docx?surveyId=&version=[&previous=<surveyId>@<version>][&lang=vi|en]`
 * (admin, analyst): the results pack of the official scores of the version's data set — the XLSX
 * appendix or the DOCX draft report — with the current self-assessment (per domain when imported so) and adjustments;
 * `previous` names last year's published survey, whose official totals are matched by unit id.
 */
export const resultsRoutes = new Hono<AppEnv>().get('/:file', async (c) => {
  currentUser(c, ['admin', 'analyst'])
  const format = /^pack\.(xlsx|docx)$/.exec(c.req.param('file'))?.[1] as keyof typeof TYPES | undefined
  if (!format) return c.notFound()
  const survey = surveyFromQuery(c)
  const previous = previousSurvey(c.req.query('previous'), c.get('services').surveys)
  const lang = c.req.query('lang') ?? 'vi'
  if (lang !== 'vi' && lang !== 'en') throw new DomainError('invalid-field', { field: 'lang' })
  const services = c.get('services')
  const { state, scores, inputs } = officialScores(services, survey)
  const pack = buildResultsPack({
    survey,
    scores,
    state,
    selfDomains: inputs.selfDomains,
    adjustments: inputs.adjustments,
    previous: previous ? officialScores(services, previous).scores : null,
    locale: lang,
  })
  const bytes = format === 'xlsx' ? await resultsWorkbook(pack) : await resultsDocument(pack)
  return c.body(new Uint8Array(bytes), 200, {
    'content-type': TYPES[format],
    'content-disposition': attachment(`ket-qua-${survey.id}-v${survey.version}.${format}`),
    'cache-control': 'no-store',
  })
})

function previousSurvey(
  value: string | undefined,
  surveys: { get: (id: string, version: number) => { survey: Survey } | undefined },
): Survey | null {
  if (value === undefined || value === '') return null
  const match = /^(.+)@(\d+)$/.exec(value)
  const found = match ? surveys.get(match[1]!, Number(match[2])) : undefined
  if (!found)
    throw new DomainError('survey-not-found', {
      status: 404,
      field: 'previous',
      params: { id: value.slice(0, 100), version: '' },
    })
  return found.survey
}
