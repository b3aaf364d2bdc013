import type { Criterion, Survey } from '@parsurvey/shared'
import type { ExplainReply, QuestionExplanation } from '../../api/analysis.ts'

export type CriterionNode = { criterion: Criterion; depth: number; parentId: string | null; leafIds: string[] }

/** Every node of the criteria tree in tree order, with its depth and the leaves below it. */
export function criterionNodes(survey: Survey): CriterionNode[] {
  const nodes: CriterionNode[] = []
  const visit = (criterion: Criterion, depth: number, parentId: string | null): string[] => {
    const node: CriterionNode = { criterion, depth, parentId, leafIds: [] }
    nodes.push(node)
    node.leafIds = criterion.children?.length
      ? criterion.children.flatMap((child) => visit(child, depth + 1, criterion.id))
      : [criterion.id]
    return node.leafIds
  }
  for (const root of survey.criteria) visit(root, 0, null)
  return nodes
}

/** Points of every node from the leaf points of a score row (a parent = the sum of its leaves). */
export function nodePoints(nodes: CriterionNode[], leafPoints: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    nodes.map((n) => [n.criterion.id, n.leafIds.reduce((sum, id) => sum + (leafPoints[id] ?? 0), 0)]),
  )
}

/** Maximum points of every node. */
export function nodeMax(nodes: CriterionNode[]): Record<string, number> {
  const leafMax = new Map(
    nodes.filter((n) => !n.criterion.children?.length).map((n) => [n.criterion.id, n.criterion.maxPoints ?? 0]),
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
