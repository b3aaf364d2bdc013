import {
  DomainError,
  formatSurveyIssue,
  type DoubleEntryReply,
  type RoundReply,
  type SurveyIssueReply,
  type SurveyList,
  type SurveyRefusal,
  type SurveyPublishReply,
  type SurveySummary,
  type Survey,
} from '@parsurvey/shared'
import { Hono } from 'hono'
import { currentUser, requireRole } from '../auth/middleware.ts'
import { readJson, requireObject } from '../http/body.ts'
import type { AppEnv } from '../http/context.ts'
import { publishSurvey, publishSurveyText, surveyFileNameFor } from '../survey/publish.ts'
import { readRound, roundInForce, setRound } from '../survey/round.ts'
import { paperPrint, readPaperQuery } from '../paper/print.ts'
import { setDoubleEntry } from '../paper/double-entry.ts'
import { writeSurveyWorkbook } from '../survey/workbook-file.ts'
import { isWorkbookType, readUploadedWorkbook, workbookIssueReply, XLSX_TYPE } from '../survey/workbook-upload.ts'
import type { Services } from '../services.ts'

/** A published version, or 404 `survey-not-found` naming it. */
async function publishedVersion(services: Services, id: string, versionText: string) {
  const version = Number(versionText)
  const found = Number.isInteger(version) ? await services.surveys.get(id, version) : undefined
  if (!found)
    throw new DomainError('survey-not-found', { status: 404, field: 'version', params: { id, version: versionText } })
  return found
}

/**
 * Published survey definitions for devices and dashboards (any logged-in role), and
 * `GET /:id/versions/:version/workbook` the same version as an XLSForm workbook (to edit for
 * the next version), `GET /:id/versions/:version/paper` its blank paper forms (HTML to print, or PDF), `POST /` to publish a YAML or JSON definition or an XLSX workbook (admin; `?dryRun=1` only
 * validates and says what changed since the last version), and
 * `PUT /:id/round` to set the survey round of every version (admin, audited), and
 * `GET`/`PUT /:id/double-entry` whether paper forms are keyed twice (docs/paper-forms.md; admin sets, audited).
 */
export const surveyRoutes = new Hono<AppEnv>()
  .use(requireRole('admin', 'analyst', 'supervisor', 'surveyor'))
  .get('/', async (c) => {
    const services = c.get('services')
    const surveys: SurveySummary[] = []
    for (const { survey, ...summary } of await services.surveys.list())
      surveys.push({ ...summary, round: await roundInForce(services, survey) })
    return c.json({ surveys } satisfies SurveyList)
  })
  .put('/:id/round', async (c) => {
    const user = currentUser(c, ['admin'])
    const round = readRound(requireObject(await readJson(c)))
    const surveyId = c.req.param('id')
    const reply: RoundReply = { surveyId, round: await setRound(c.get('services'), surveyId, round, user.id) }
    return c.json(reply)
  })
  .get('/:id/double-entry', (c) => {
    currentUser(c, ['admin', 'analyst', 'supervisor', 'surveyor'])
    const surveyId = c.req.param('id')
    const reply: DoubleEntryReply = { surveyId, enabled: c.get('services').paperForms.doubleEntry(surveyId) }
    return c.json(reply)
  })
  .put('/:id/double-entry', async (c) => {
    const user = currentUser(c, ['admin'])
    // A body that is not JSON is refused like any other bad body: 400 naming `enabled`.
    const body = await readJson(c).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === 'invalid-json') return undefined
      throw e
    })
    const surveyId = c.req.param('id')
    const reply: DoubleEntryReply = {
      surveyId,
      enabled: await setDoubleEntry(c.get('services'), surveyId, body, user.id),
    }
    return c.json(reply)
  })
  .get('/:id/versions/:version', async (c) => {
    const found = await publishedVersion(c.get('services'), c.req.param('id'), c.req.param('version'))
    // Published versions never change, so the content hash is a perfect ETag.
    const etag = `"${found.hash}"`
    c.header('ETag', etag)
    c.header('Cache-Control', 'private, no-cache')
    if (c.req.header('if-none-match') === etag) return c.body(null, 304)
    return c.json(found.survey satisfies Survey)
  })
  .get('/:id/versions/:version/workbook', async (c) => {
    const { survey } = await publishedVersion(c.get('services'), c.req.param('id'), c.req.param('version'))
    c.header('Content-Type', XLSX_TYPE)
    c.header('Content-Disposition', `attachment; filename="${survey.id}-v${survey.version}.xlsx"`)
    return c.body(new Uint8Array(await writeSurveyWorkbook(survey)))
  })
  .get('/:id/versions/:version/paper', async (c) => {
    const { survey } = await publishedVersion(c.get('services'), c.req.param('id'), c.req.param('version'))
    const printed = await paperPrint(
      survey,
      readPaperQuery((name) => c.req.query(name), c.get('locale')),
    )
    c.header('Content-Type', printed.type)
    c.header('Content-Disposition', printed.disposition)
    c.header('Cache-Control', 'private, no-cache')
    return c.body(new Uint8Array(printed.bytes))
  })
  .post('/', async (c) => {
    const user = currentUser(c, ['admin'])
    const contentType = c.req.header('content-type')
    const dryRun = ['1', 'true'].includes(c.req.query('dryRun') ?? '')
    const locale = c.get('locale')
    const refuse = (issues: SurveyIssueReply[]) => {
      const body = new DomainError('survey-invalid', { status: 422, params: { count: issues.length } }).toBody(locale)
      return c.json({ ...body, issues } satisfies SurveyRefusal, 422)
    }
    let outcome
    if (isWorkbookType(contentType)) {
      const read = await readUploadedWorkbook(new Uint8Array(await c.req.arrayBuffer()))
      if (!read.ok) return refuse(read.issues.map((issue) => workbookIssueReply(issue, locale)))
      outcome = await publishSurvey(c.get('services'), read.survey, { userId: user.id, dryRun })
    } else {
      const fileName = surveyFileNameFor(contentType)
      if (!fileName)
        throw new DomainError('survey-upload-content-type', { status: 415, params: { contentType: contentType ?? '' } })
      const text = await c.req.text()
      outcome = await publishSurveyText(c.get('services'), text, fileName, { userId: user.id, dryRun })
      if (!outcome.ok)
        return refuse(
          outcome.issues.map((issue) => ({
            path: issue.path,
            code: issue.code,
            message: formatSurveyIssue(issue, locale),
          })),
        )
    }
    const { survey, hash, created, diff } = outcome
    const reply: SurveyPublishReply = { id: survey.id, version: survey.version, hash, created, dryRun, diff }
    return c.json(reply, created && !dryRun ? 201 : 200)
  })
