import { leafCriteria, type Survey, type SurveyScores } from '@parsurvey/shared'
import { csvCell, type Cell } from '../export/csv.ts'

/** The JSON contract: `SurveyScores` as is, units in rank order, one line. */
export function scoresToJson(scores: SurveyScores): string {
  return `${JSON.stringify(scores)}\n`
}

/**
 * One row per unit with the JSON fields as columns, the leaves as `criterion:<leafId>` columns
 * (tree order) and flags joined by ";". UTF-8 with a BOM and CRLF, which spreadsheet programs
 * open correctly; numbers are plain decimals with a dot; text cells that a spreadsheet would take
 * for a formula are neutralised with a leading apostrophe.
 */
export function scoresToCsv(scores: SurveyScores, survey: Survey): string {
  const leafIds = Object.keys(scores.units[0]?.criteria ?? {})
  const leaves = leafIds.length > 0 ? leafIds : leafCriteria(survey.criteria).map((leaf) => leaf.id)
  const header = [
    'unitId',
    'responses',
    'surveyPoints',
    'surveyPointsRounded',
    'selfAssessment',
    'adjustments',
    'total',
    'classification',
    'rank',
    ...leaves.map((id) => `criterion:${id}`),
    'flags',
  ]
  const rows = scores.units.map((u): Cell[] => [
    u.unitId,
    u.responses,
    u.surveyPoints,
    u.surveyPointsRounded,
    u.selfAssessment,
    u.adjustments,
    u.total,
    u.classification,
    u.rank,
    ...leaves.map((id) => u.criteria[id] ?? null),
    u.flags.join(';'),
  ])
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`
}
