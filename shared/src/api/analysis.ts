import type { SurveyScores, UnitScore } from '../scoring/score.ts'
import type { UnitExplanation } from '../scoring/explain.ts'
import type { ScoringDifference } from '../survey/scoring-compatibility.ts'
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
/** `GET /api/progress`; `versions`: the data set's versions whose responses are counted. */
export type ProgressReply = { surveyId: string; surveyVersion: number; versions: number[]; cells: ProgressCell[] }

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

/**
 * The data an answer used (shared/src/survey/data-sets.ts): the versions of one survey and year
 * combined because they score alike, how many responses count in them, whose self-assessment set
 * counts, and the versions of that year left apart because they score differently (with why).
 */
export type DataSetReply = {
  surveyId: string
  year: number
  /** Versions combined, ascending. */
  versions: number[]
  /** Responses that count (voided ones do not), over those versions. */
  responses: number
  /** The version whose current self-assessment set counts (the latest import among the versions). */
  selfAssessment: { surveyVersion: number; setVersion: number } | null
  separate: {
    versions: number[]
    responses: number
    differences: ScoringDifference[]
    /** The differences in the reader's language. */
    reasons: string[]
  }[]
}

/**
 * `GET /api/scores`: the engine's (and the CLI's) result over the chosen version's data set
 * (`surveyVersion` is the chosen version), and which data that was.
 */
export type ScoresReply = SurveyScores & { dataSet: DataSetReply }

/**
 * `GET /api/scores/previous-year`: last year's data set of the same unit kind to compare with
 * (the official one: with an imported self-assessment, else the most responses), null when the
 * survey has no earlier year.
 */
export type PreviousYearReply = { previous: ScoresReply | null }

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
