import type { Survey, SurveyScores } from '@parsurvey/shared'
import type { Cell } from './csv.ts'
import { leavesOf } from './leaves.ts'
import { tableOf, type ExportTable } from './table.ts'

/**
 * The official scores, one row per unit in rank order, with the columns of the CLI's
 * `score --format csv` (cli/score-output.ts): the JSON fields, one `criterion:<leafId>` column per
 * leaf in tree order, and the flags joined by ";".
 */
export function scoresTable(survey: Survey, scores: SurveyScores): ExportTable {
  const leaves = leavesOf(survey)
  const columns = [
    { id: 'unitId', label: 'Đơn vị được đánh giá' },
    { id: 'responses', label: 'Số phiếu' },
    { id: 'surveyPoints', label: 'Điểm điều tra XHH' },
    { id: 'surveyPointsRounded', label: 'Điểm điều tra XHH (làm tròn)' },
    { id: 'selfAssessment', label: 'Điểm tự đánh giá (sau thẩm định)' },
    { id: 'adjustments', label: 'Điểm thưởng/trừ' },
    { id: 'total', label: 'Tổng điểm' },
    { id: 'classification', label: 'Xếp loại' },
    { id: 'rank', label: 'Thứ hạng' },
    ...leaves.map((leaf) => ({ id: `criterion:${leaf.id}`, label: `${leaf.id} ${leaf.label.vi}` })),
    { id: 'flags', label: 'Cảnh báo' },
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
    ...leaves.map((leaf) => u.criteria[leaf.id] ?? null),
    u.flags.join(';'),
  ])
  return tableOf(columns, rows)
}
