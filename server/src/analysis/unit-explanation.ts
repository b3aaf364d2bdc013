import {
  isSingleChoice,
  cellMoments,
  explainUnit,
  findCell,
  type Criterion,
  type ExplainReply,
  type ScoringState,
  type Survey,
  type SurveyScores,
  type GroupDomainCell,
  type ProvinceAverage,
} from '@parsurvey/shared'

const isLeaf = (node: Criterion): boolean => !node.children || node.children.length === 0

/** Question ids (choice questions) under each criterion node, leaves included. */
function questionsUnder(survey: Survey): Map<string, string[]> {
  const under = new Map<string, string[]>()
  const visit = (node: Criterion): string[] => {
    const ids = isLeaf(node)
      ? survey.questions.filter((q) => q.criterion === node.id && isSingleChoice(q)).map((q) => q.id)
      : (node.children ?? []).flatMap(visit)
    under.set(node.id, ids)
    return ids
  }
  survey.criteria.forEach(visit)
  return under
}

/** The group × domain matrix of one unit; a group never asked about a domain has no cell. */
export function groupDomainMatrix(survey: Survey, state: ScoringState, unitId: string): GroupDomainCell[] {
  const under = questionsUnder(survey)
  const questions = new Map(survey.questions.map((q) => [q.id, q]))
  const cells: GroupDomainCell[] = []
  for (const group of survey.groups) {
    for (const domain of survey.criteria) {
      const asked = (under.get(domain.id) ?? [])
        .map((id) => questions.get(id)!)
        .filter((q) => q.groups.includes(group.id))
      if (asked.length === 0) continue
      let n = 0
      let sum = 0
      let dontKnow = 0
      for (const question of asked) {
        const m = cellMoments(findCell(state, unitId, group.id, question.id), question, survey.dontKnow)
        n += m.n
        sum += m.sum
        dontKnow += m.dontKnow
      }
      cells.push({ groupId: group.id, domainId: domain.id, n, mean: n > 0 ? sum / n : null, dontKnow })
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

function leavesUnder(survey: Survey): Map<string, string[]> {
  const under = new Map<string, string[]>()
  const visit = (node: Criterion): string[] => {
    const ids = isLeaf(node) ? [node.id] : (node.children ?? []).flatMap(visit)
    under.set(node.id, ids)
    return ids
  }
  survey.criteria.forEach(visit)
  return under
}

/** Everything the Explain view shows for one unit, from the aggregate state and the official scores. */
export function explainUnitReply(
  survey: Survey,
  state: ScoringState,
  scores: SurveyScores,
  unitId: string,
): ExplainReply | undefined {
  const score = scores.units.find((u) => u.unitId === unitId)
  if (!score) return undefined
  return {
    surveyId: survey.id,
    surveyVersion: survey.version,
    score,
    explanation: explainUnit(survey, state, unitId),
    matrix: groupDomainMatrix(survey, state, unitId),
    province: provinceAverage(survey, scores),
  }
}
