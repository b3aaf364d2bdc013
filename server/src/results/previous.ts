import type { SurveyScores } from '@parsurvey/shared'
import { z } from 'zod'

/** What the pack reads of last year's score JSON: units with their totals (the rest is ignored). */
const previousSchema = z.object({
  surveyId: z.string().optional(),
  surveyVersion: z.number().optional(),
  units: z.array(z.object({ unitId: z.string().min(1), total: z.number().finite().nullable() })),
})

/** Last year's scores (`pnpm parsurvey score` JSON), or the first problem with the file. */
export function parsePreviousScores(text: string): { ok: true; scores: SurveyScores } | { ok: false; detail: string } {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) }
  }
  const parsed = previousSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    return { ok: false, detail: `${issue.path.join('.') || '(root)'}: ${issue.message}` }
  }
  const units = parsed.data.units.map((u) => ({ unitId: u.unitId, total: u.total }))
  return {
    ok: true,
    scores: {
      surveyId: parsed.data.surveyId ?? '',
      surveyVersion: parsed.data.surveyVersion ?? 0,
      units,
    } as SurveyScores,
  }
}
