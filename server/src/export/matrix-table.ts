import {
  isSingleChoice,
  cellMoments,
  findCell,
  type Criterion,
  type ScoringState,
  type Survey,
} from '@parsurvey/shared'
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
  const nodes: { criterion: Criterion; level: number; questionIds: Set<string> }[] = []
  const visit = (list: Criterion[], level: number): Set<string> => {
    const all = new Set<string>()
    for (const criterion of list) {
      const entry = { criterion, level, questionIds: new Set<string>() }
      nodes.push(entry)
      const below = criterion.children?.length
        ? visit(criterion.children, level + 1)
        : new Set(survey.questions.filter((q) => q.criterion === criterion.id && isSingleChoice(q)).map((q) => q.id))
      for (const id of below) {
        entry.questionIds.add(id)
        all.add(id)
      }
    }
    return all
  }
  visit(survey.criteria, 1)
  const questions = new Map(survey.questions.map((q) => [q.id, q]))
  const rows: Cell[][] = []
  for (const unit of survey.units) {
    if (!unitFilter(unit.id)) continue
    for (const group of survey.groups) {
      for (const { criterion, level, questionIds } of nodes) {
        const asked = [...questionIds].map((id) => questions.get(id)!).filter((q) => q.groups.includes(group.id))
        if (asked.length === 0) continue
        let n = 0
        let sum = 0
        let dontKnow = 0
        for (const question of asked) {
          const m = cellMoments(findCell(state, unit.id, group.id, question.id), question, survey.dontKnow)
          n += m.n
          sum += m.sum
          dontKnow += m.dontKnow
        }
        rows.push([
          unit.id,
          group.id,
          criterion.id,
          localised(criterion.label, view),
          level,
          n,
          n > 0 ? sum / n : null,
          dontKnow,
        ])
      }
    }
  }
  return tableOf(COLUMNS, rows)
}
