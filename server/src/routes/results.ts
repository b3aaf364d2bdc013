import { buildResultsPack, buildScorecards, DomainError, type ScorecardReply, type Survey } from '@parsurvey/shared'
import { Hono, type Context } from 'hono'
import { currentUser } from '../auth/middleware.ts'
import { attachment } from '../export/attachment.ts'
import type { AppEnv } from '../http/context.ts'
import { resultsDocument } from '../results/docx.ts'
import { scorecardsDocument } from '../results/scorecards-docx.ts'
import { resultsWorkbook } from '../results/xlsx.ts'
import { officialScores } from '../analysis/official-scores.ts'
import type { Services } from '../services.ts'
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
 * `GET /api/results/scorecards.docx?surveyId=&version=[&lang=]`: one scorecard page per unit.
 * `GET /api/results/scorecard?surveyId=&version=&unitId=[&lang=]`: one unit's scorecard as JSON.
 */
export const resultsRoutes = new Hono<AppEnv>()
  .get('/scorecard', async (c) => {
    currentUser(c, ['admin', 'analyst'])
    const survey = await surveyFromQuery(c)
    const unitId = c.req.query('unitId') ?? ''
    if (!unitId) throw new DomainError('required-field', { field: 'unitId' })
    if (!survey.units.some((u) => u.id === unitId))
      throw new DomainError('analysis-unit-not-found', {
        status: 404,
        field: 'unitId',
        params: { unitId: unitId.slice(0, 100) },
      })
    const { pack, state, scores } = await resultsOf(c, survey)
    return c.json(buildScorecards(pack, { survey, state, scores }, unitId) satisfies ScorecardReply)
  })
  .get('/:file', async (c) => {
    currentUser(c, ['admin', 'analyst'])
    const match = /^(pack|scorecards)\.(xlsx|docx)$/.exec(c.req.param('file'))
    if (!match || (match[1] === 'scorecards' && match[2] !== 'docx')) return c.notFound()
    const kind = match[1] as 'pack' | 'scorecards'
    const format = match[2] as keyof typeof TYPES
    const survey = await surveyFromQuery(c)
    const { pack, state, scores } = await resultsOf(c, survey)
    const bytes =
      kind === 'scorecards'
        ? await scorecardsDocument(buildScorecards(pack, { survey, state, scores }))
        : format === 'xlsx'
          ? await resultsWorkbook(pack)
          : await resultsDocument(pack)
    const name = kind === 'scorecards' ? 'phieu-diem' : 'ket-qua'
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': TYPES[format],
      'content-disposition': attachment(`${name}-${survey.id}-v${survey.version}.${format}`),
      'cache-control': 'no-store',
    })
  })

/** The pack of the official scores with the current self-assessment and adjustments, in `lang`. */
async function resultsOf(c: Context<AppEnv>, survey: Survey) {
  const previous = await previousSurvey(c.req.query('previous'), c.get('services').surveys)
  const lang = c.req.query('lang') ?? 'vi'
  if (lang !== 'vi' && lang !== 'en') throw new DomainError('invalid-field', { field: 'lang' })
  const services = c.get('services')
  const { state, scores, inputs } = await officialScores(services, survey)
  const pack = buildResultsPack({
    survey,
    scores,
    state,
    selfDomains: inputs.selfDomains,
    adjustments: inputs.adjustments,
    previous: previous ? (await officialScores(services, previous)).scores : null,
    locale: lang,
  })
  return { pack, state, scores }
}

async function previousSurvey(value: string | undefined, surveys: Services['surveys']): Promise<Survey | null> {
  if (value === undefined || value === '') return null
  const match = /^(.+)@(\d+)$/.exec(value)
  const found = match ? await surveys.get(match[1]!, Number(match[2])) : undefined
  if (!found)
    throw new DomainError('survey-not-found', {
      status: 404,
      field: 'previous',
      params: { id: value.slice(0, 100), version: '' },
    })
  return found.survey
}
