import type { SurveyDiff } from '../survey/diff.ts'
import type { CellPlace } from '../xlsform/read-cells.ts'

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
