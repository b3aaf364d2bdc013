import { choiceQuestionsUnder, criteriaTree, pooledCell, type ScoringState, type Survey } from '@parsurvey/shared'
import type { Cell } from './csv.ts'
import { localised, tableOf, type ExportColumn, type ExportTable, type ExportView } from './table.ts'

const COLUMNS: ExportColumn[] = [
  'unitId',
  'groupId',
  'criterionId',
  'criterionLabel',
  'level',
  'n',
  'mean',
  'dontKnow',
].map((id) => ({ id }))

/**
 * The unit × group × criterion matrix (every node of the criteria tree: level 1 is the domain):
 * n = answers that count under the survey's don't-know rule, pooled over the node's questions
 * asked of the group, and their mean score in [0, 1]. A group not asked about a node has no row;
 * a group asked but without answers has n = 0 and an empty mean.
 */
export function matrixTable(
  survey: Survey,
  state: ScoringState,
  unitFilter: (unitId: string) => boolean,
  view: ExportView,
): ExportTable {
  const nodes = criteriaTree(survey.criteria)
  const under = choiceQuestionsUnder(survey)
  const rows: Cell[][] = []
  for (const unit of survey.units) {
    if (!unitFilter(unit.id)) continue
    for (const group of survey.groups) {
      for (const { criterion, depth } of nodes) {
        const cell = pooledCell(survey, state, unit.id, group.id, under.get(criterion.id) ?? [])
        if (!cell) continue
        rows.push([
          unit.id,
          group.id,
          criterion.id,
          localised(criterion.label, view),
          depth + 1,
          cell.n,
          cell.mean,
          cell.dontKnow,
        ])
      }
    }
  }
  return tableOf(COLUMNS, rows)
}
