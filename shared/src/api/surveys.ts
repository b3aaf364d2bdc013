import type { Label } from '../survey/schema.ts'
import type { SurveyRound } from '../survey/round.ts'

/** One published survey version as `GET /api/surveys` lists it. */
export type SurveySummary = {
  id: string
  version: number
  year: number
  unitKind: string
  title: Label
  hash: string
  publishedAt: string
  /** The round in force (set in the app, else the file's), null when the survey has none. */
  round: SurveyRound | null
}

/** `PUT /api/surveys/:id/round` takes a SurveyRound and answers this. */
export type RoundReply = { surveyId: string; round: SurveyRound }
