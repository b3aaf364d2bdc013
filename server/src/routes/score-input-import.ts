import { DomainError, type ScoreInputRefusal, type Survey } from '@parsurvey/shared'
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from '../http/context.ts'
import { readScoreInputTable, type RawTable, type TableProblem } from '../self-assessment/read-table.ts'
import { surveyFromQuery } from './survey-param.ts'

/** Largest score-input file accepted: a province has at most a few hundred units. */
export const SCORE_INPUT_MAX_BYTES = 2 * 1024 * 1024

type Kind = 'self-assessment' | 'adjustments'
type Preview = { ok: boolean; errorCount: number; surveyId: string; surveyVersion: number; format: string | null }

/** The body limit of a score-input upload, refused in the kind's own words. */
export const scoreInputLimit = (kind: Kind) =>
  bodyLimit({
    maxSize: SCORE_INPUT_MAX_BYTES,
    onError: () => {
      throw new DomainError(`${kind}-too-large`, { status: 413, params: { limit: '2 MB' } })
    },
  })

/** Reads the uploaded file of the survey in the query and checks it (nothing stored). */
export async function previewUpload<P extends Preview>(
  c: Context<AppEnv>,
  kind: Kind,
  check: (survey: Survey, table: RawTable | TableProblem, locale: 'vi' | 'en') => P,
): Promise<P> {
  const survey = await surveyFromQuery(c)
  const bytes = new Uint8Array(await c.req.arrayBuffer())
  return check(survey, await readScoreInputTable(bytes, c.req.header('content-type'), kind), c.get('locale'))
}

/**
 * Applies a checked upload as a new set (`store` writes the set and its audit entry in one
 * transaction: the repository's `importSet`); a preview with errors is refused with 422 and the
 * preview itself.
 */
export async function applyUpload<P extends Preview, R>(
  c: Context<AppEnv>,
  kind: Kind,
  preview: P,
  store: (key: { surveyId: string; surveyVersion: number }, userId: number, source: string) => Promise<R>,
): Promise<Response | { key: { surveyId: string; surveyVersion: number }; result: R }> {
  if (!preview.ok) {
    const error = new DomainError(`${kind}-has-errors`, {
      status: 422,
      params: { count: preview.errorCount },
    }).toBody(c.get('locale'))
    return c.json({ ...error, preview } satisfies ScoreInputRefusal<P>, 422)
  }
  const user = c.get('user')!
  const key = { surveyId: preview.surveyId, surveyVersion: preview.surveyVersion }
  const source = (c.req.query('fileName') ?? preview.format ?? '').slice(0, 200)
  return { key, result: await store(key, user.id, source) }
}
