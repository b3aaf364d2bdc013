import type { GroupDomainCell, ProvinceAverage } from '../api/analysis.ts'
import { choiceQuestionsUnder, criteriaTree } from '../survey/criteria-tree.ts'
import type { Survey } from '../survey/schema.ts'
import { pooledCell } from '../scoring/cell-stats.ts'
import type { SurveyScores } from '../scoring/score.ts'
import type { ScoringState } from '../scoring/state.ts'

/** The group × domain matrix of one unit; a group never asked about a domain has no cell. */
export function groupDomainMatrix(survey: Survey, state: ScoringState, unitId: string): GroupDomainCell[] {
  const under = choiceQuestionsUnder(survey)
  const cells: GroupDomainCell[] = []
  for (const group of survey.groups) {
    for (const domain of survey.criteria) {
      const cell = pooledCell(survey, state, unitId, group.id, under.get(domain.id) ?? [])
      if (cell) cells.push({ groupId: group.id, domainId: domain.id, ...cell })
    }
  }
  return cells
}

/**
 * The province average of every criterion node's points (a parent's points are the sum of its
 * leaves'), over the units that have responses: a unit nobody was asked about yet would pull the
 * average to 0 without saying anything about the province.
 */
export function provinceAverage(survey: Survey, scores: SurveyScores): ProvinceAverage {
  const counted = scores.units.filter((u) => u.responses > 0)
  const under = leavesUnder(survey)
  const criteria: Record<string, number> = {}
  for (const [id, leaves] of under) {
    const total = counted.reduce((sum, u) => sum + leaves.reduce((s, leaf) => s + (u.criteria[leaf] ?? 0), 0), 0)
    criteria[id] = counted.length > 0 ? total / counted.length : 0
  }
  const surveyPoints = counted.length > 0 ? counted.reduce((sum, u) => sum + u.surveyPoints, 0) / counted.length : null
  return { units: counted.length, surveyPoints, criteria }
}

/** Leaf ids under each criterion node (a leaf's is itself), in tree order. */
export function leavesUnder(survey: Survey): Map<string, string[]> {
  return new Map(criteriaTree(survey.criteria).map((node) => [node.criterion.id, node.leafIds]))
}
