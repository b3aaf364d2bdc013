import type { SurveyScores, UnitScore } from '../scoring/score.ts'
import type { UnitExplanation } from '../scoring/explain.ts'
import type { Scorecards } from '../results/scorecard.ts'

/**
 * Wire shapes of the analyst views (`/api/progress*`, `/api/scores/explain`): the server builds
 * them, the client reads them; a field renamed on one side is a type error on the other.
 */

/** Responses against the quota of one unit × group, or of one location of a group quota'd per location. */
export type ProgressCell = {
  unitId: string
  groupId: string
  locationId: string | null
  responses: number
  quota: number
}
/** `GET /api/progress` */
export type ProgressReply = { surveyId: string; surveyVersion: number; cells: ProgressCell[] }

export type SurveyorProgress = {
  /** null: responses that came without an account (online, with an access code). */
  userId: number | null
  username: string | null
  responses: number
  /** Distinct units this account sent responses about. */
  units: number
}
/** `GET /api/progress/by-surveyor` */
export type SurveyorProgressReply = { surveyId: string; surveyVersion: number; surveyors: SurveyorProgress[] }

export type DayProgress = { day: string; responses: number; cumulative: number }
/** `GET /api/progress/by-day` */
export type DayProgressReply = { surveyId: string; surveyVersion: number; days: DayProgress[] }

/** `GET /api/scores`: exactly the engine's (and the CLI's) result. */
export type ScoresReply = SurveyScores

/**
 * One group's answers about one domain of one unit, pooled over the domain's questions asked of
 * the group: n counts under the survey's don't-know rule and `mean` is their mean score in [0, 1].
 */
export type GroupDomainCell = { groupId: string; domainId: string; n: number; mean: number | null; dontKnow: number }

/** Mean points over the units with at least one response, for every criterion node and in total. */
export type ProvinceAverage = { units: number; surveyPoints: number | null; criteria: Record<string, number> }

/** `GET /api/scores/explain` */
export type ExplainReply = {
  surveyId: string
  surveyVersion: number
  /** The unit's official row, exactly as `/api/scores` lists it. */
  score: UnitScore
  explanation: UnitExplanation
  matrix: GroupDomainCell[]
  province: ProvinceAverage
}

/** `GET /api/results/scorecard?surveyId=&version=&unitId=[&lang=]`: one unit's printable scorecard (cards has one). */
export type ScorecardReply = Scorecards
