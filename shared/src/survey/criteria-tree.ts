import { isSingleChoice } from './question-kind.ts'
import type { Criterion, Question, Survey } from './schema.ts'

/**
 * The criteria tree (docs/domain.md): domains at the root, criteria below, scored leaves at the
 * bottom. Every part of the app that walks it (validation, scoring, explanations, exports, the
 * results pack, the paper form, the workbook, the analyst views) reads it through this module.
 */

/** One criterion with its place in the tree. */
export type CriterionNode = {
  criterion: Criterion
  /** 0 for a domain (a root), 1 for a criterion directly below it, … */
  depth: number
  /** The criterion it is under; null for a domain. */
  parentId: string | null
  /** The domain at the root of its branch (a domain's is itself). */
  root: Criterion
  /** Where it stands in the survey definition, as issues name it: `criteria[0].children[1]`. */
  path: string
  /** The leaves below it, in tree order (a leaf's is itself). */
  leafIds: string[]
}

/** Whether the criterion is scored directly (has no criteria below it). */
export function isLeaf(criterion: Criterion): boolean {
  return !criterion.children || criterion.children.length === 0
}

/** Every criterion of the tree in tree order (a parent before its children), with its place. */
export function criteriaTree(criteria: Criterion[]): CriterionNode[] {
  const nodes: CriterionNode[] = []
  const visit = (criterion: Criterion, depth: number, parentId: string | null, root: Criterion, path: string) => {
    const node: CriterionNode = { criterion, depth, parentId, root, path, leafIds: [] }
    nodes.push(node)
    node.leafIds = isLeaf(criterion)
      ? [criterion.id]
      : criterion.children!.flatMap((child, i) => visit(child, depth + 1, criterion.id, root, `${path}.children[${i}]`))
    return node.leafIds
  }
  criteria.forEach((root, i) => visit(root, 0, null, root, `criteria[${i}]`))
  return nodes
}

/** The leaves of the tree in tree order (the order of score columns and explanations). */
export function leafCriteria(criteria: Criterion[]): Criterion[] {
  return criteriaTree(criteria)
    .map((node) => node.criterion)
    .filter(isLeaf)
}

/** The criterion with this id anywhere in the tree. */
export function findCriterion(criteria: Criterion[], id: string): Criterion | undefined {
  return criteriaTree(criteria).find((node) => node.criterion.id === id)?.criterion
}

/** The single-choice questions under each criterion (a leaf's own, a parent's from every leaf below), in survey order per leaf. */
export function choiceQuestionsUnder(survey: Survey): Map<string, Question[]> {
  const byLeaf = new Map<string, Question[]>()
  for (const question of survey.questions) {
    if (question.criterion === undefined || !isSingleChoice(question)) continue
    byLeaf.set(question.criterion, [...(byLeaf.get(question.criterion) ?? []), question])
  }
  return new Map(
    criteriaTree(survey.criteria).map((node) => [
      node.criterion.id,
      node.leafIds.flatMap((id) => byLeaf.get(id) ?? []),
    ]),
  )
}
