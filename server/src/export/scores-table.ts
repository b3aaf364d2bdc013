import { leafCriteria, type Survey, type SurveyScores } from '@parsurvey/shared'
import type { Cell } from './csv.ts'
import { localised, tableOf, type ExportColumn, type ExportTable, type ExportView } from './table.ts'

/**
 * The official scores, one row per unit in rank order, with the columns of the CLI's
 * `score --format csv` (cli/score-output.ts): the JSON fields, one `criterion:<leafId>` column per
 * leaf in tree order, and the flags joined by ";"; the unit's name beside its id, and the
 * classification's label (its id in the machine view).
 */
export function scoresTable(survey: Survey, scores: SurveyScores, view: ExportView): ExportTable {
  const leaves = leafCriteria(survey.criteria)
  const columns: ExportColumn[] = [
    { id: 'unitId' },
    // The machine view is exactly the CLI's CSV, which has no names.
    ...(view.ids ? [] : [{ id: 'unitName' }]),
    ...['responses', 'surveyPoints', 'surveyPointsRounded', 'selfAssessment', 'adjustments', 'total'].map((id) => ({
      id,
    })),
    { id: 'classification' },
    { id: 'rank' },
    ...leaves.map((leaf) => ({
      id: `criterion:${leaf.id}`,
      label: { vi: `${leaf.id} ${leaf.label.vi}`, en: `${leaf.id} ${leaf.label.en ?? leaf.label.vi}` },
    })),
    { id: 'flags' },
  ]
  const units = new Map(survey.units.map((u) => [u.id, localised(u.name, view)]))
  const classes = new Map(survey.classification.map((c) => [c.id, view.ids ? c.id : localised(c.label, view)]))
  const rows = scores.units.map((u): Cell[] => [
    u.unitId,
    ...(view.ids ? [] : [units.get(u.unitId) ?? null]),
    u.responses,
    u.surveyPoints,
    u.surveyPointsRounded,
    u.selfAssessment,
    u.adjustments,
    u.total,
    u.classification === null ? null : (classes.get(u.classification) ?? u.classification),
    u.rank,
    ...leaves.map((leaf) => u.criteria[leaf.id] ?? null),
    u.flags.join(';'),
  ])
  return tableOf(columns, rows)
}
