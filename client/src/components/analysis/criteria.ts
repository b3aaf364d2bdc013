import { criteriaTree, isLeaf, type CriterionNode, type Survey } from '@parsurvey/shared'
import type { ExplainReply, QuestionExplanation } from '../../api/analysis.ts'

/** Every node of the criteria tree in tree order, with its depth and the leaves below it (shared's walk). */
export const criterionNodes = (survey: Survey): CriterionNode[] => criteriaTree(survey.criteria)

/** Points of every node from the leaf points of a score row (a parent = the sum of its leaves). */
export function nodePoints(nodes: CriterionNode[], leafPoints: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    nodes.map((n) => [n.criterion.id, n.leafIds.reduce((sum, id) => sum + (leafPoints[id] ?? 0), 0)]),
  )
}

/** Maximum points of every node. */
export function nodeMax(nodes: CriterionNode[]): Record<string, number> {
  const leafMax = new Map(
    nodes.filter((n) => isLeaf(n.criterion)).map((n) => [n.criterion.id, n.criterion.maxPoints ?? 0]),
  )
  return Object.fromEntries(
    nodes.map((n) => [n.criterion.id, n.leafIds.reduce((sum, id) => sum + (leafMax.get(id) ?? 0), 0)]),
  )
}

/** The scored questions of a leaf, in survey order. */
export function leafQuestions(reply: ExplainReply, leafId: string): QuestionExplanation[] {
  return reply.explanation.questions.filter((q) => q.criterionId === leafId)
}

/**
 * The n behind a leaf: answers that count (under the survey's don't-know rule), over its
 * questions and every group asked. Each of them is listed when the leaf is expanded.
 */
export function leafAnswers(reply: ExplainReply, leafId: string): number {
  return leafQuestions(reply, leafId).reduce((sum, q) => sum + q.groups.reduce((s, g) => s + g.n, 0), 0)
}
