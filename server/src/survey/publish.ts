import {
  contentHash,
  parseSurveyText,
  surveyDiff,
  type Survey,
  type SurveyDiff,
  type SurveyIssue,
} from '@parsurvey/shared'
import { versionExists } from '../db/surveys.ts'
import type { Services } from '../services.ts'

export type SurveyPublished = {
  ok: true
  survey: Survey
  hash: string
  created: boolean
  dryRun: boolean
  /** What changed since the highest published version below this one (null for a first version). */
  diff: SurveyDiff | null
}
export type SurveyPublication = { ok: false; issues: SurveyIssue[] } | SurveyPublished

/**
 * The file name `parseSurveyText` should assume for an upload's Content-Type, or undefined when
 * the type is not one we read. Plain text and a missing type are read as YAML, which also
 * accepts JSON documents.
 */
export function surveyFileNameFor(contentType: string | undefined): string | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  if (type === 'application/json') return 'upload.json'
  if (['', 'application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain'].includes(type))
    return 'upload.yaml'
  return undefined
}

/**
 * Validates a survey file's text and, unless `dryRun`, publishes it with its audit entry in one
 * transaction. Every issue is returned at once. The same content again is a no-op
 * (`created: false`); other content under a published (id, version) throws a 409, also in a
 * dry run, so a dry run answers exactly what the real upload would.
 */
export async function publishSurveyText(
  services: Pick<Services, 'surveys'>,
  text: string,
  fileName: string,
  options: { userId: number | null; dryRun?: boolean },
): Promise<SurveyPublication> {
  const parsed = parseSurveyText(text, fileName)
  return parsed.ok ? publishSurvey(services, parsed.survey, options) : parsed
}

/** Publishes a validated survey (from a file or a workbook) as `publishSurveyText` describes. */
export async function publishSurvey(
  services: Pick<Services, 'surveys'>,
  survey: Survey,
  options: { userId: number | null; dryRun?: boolean },
): Promise<SurveyPublished> {
  const previous = await services.surveys.previous(survey.id, survey.version)
  const diff = previous ? surveyDiff(previous, survey) : null
  if (options.dryRun) {
    const hash = contentHash(survey)
    const existing = await services.surveys.get(survey.id, survey.version)
    if (existing && existing.hash !== hash) throw versionExists(survey)
    return { ok: true, survey, hash, created: !existing, dryRun: true, diff }
  }
  // The check, the insert and the audit entry are one port method, one transaction on either
  // engine (db/surveys.ts, storage/survey-store.ts).
  const { created, hash } = await services.surveys.publish(survey, options.userId)
  return { ok: true, survey, hash, created, dryRun: false, diff }
}
