import type { Response, Survey } from '@parsurvey/shared'

/**
 * The schemas of shared/ need zod, the largest library in the app. They are only used when a
 * survey is downloaded and when a questionnaire is finished, so they load then, never at start
 * (the start of the field app is measured: tests/bench/field-app-start.ts). The service worker
 * precaches the chunk, so finishing offline finds it too.
 */
const schemas = () => import('./validation-schemas.ts')

export async function parseSurvey(value: unknown): Promise<Survey> {
  return (await schemas()).surveySchema.parse(value)
}

export async function parseResponse(value: unknown): Promise<Response> {
  return (await schemas()).responseSchema.parse(value)
}
