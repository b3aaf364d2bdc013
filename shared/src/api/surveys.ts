import type { Label } from '../survey/schema.ts'
import type { SurveyRound } from '../survey/round.ts'
import type { SurveyDiff } from '../survey/diff.ts'
import type { CellPlace } from '../xlsform/read-cells.ts'
import type { ApiErrorBody } from '../sync/protocol.ts'

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

/** `GET /api/surveys`: every published version. */
export type SurveyList = { surveys: SurveySummary[] }

/** `PUT /api/surveys/:id/round` takes a SurveyRound and answers this. */
export type RoundReply = { surveyId: string; round: SurveyRound }

/**
 * Wire shapes of `POST /api/surveys` (a YAML/JSON file or an XLSX workbook; `?dryRun=1` checks
 * without storing). A dry run answers exactly what the real upload would, with what changed since
 * the last published version of the same survey, so an admin sees it before confirming.
 */
export type SurveyPublishReply = {
  id: string
  version: number
  hash: string
  created: boolean
  dryRun: boolean
  diff: SurveyDiff | null
}

/** One problem of a refused upload (422): `path` in the file, or `place` in the workbook. */
export type SurveyIssueReply = { path: string; code: string; message: string; place?: CellPlace }

/** A refused upload (422): the error, with every problem found. */
export type SurveyRefusal = ApiErrorBody & { issues: SurveyIssueReply[] }
