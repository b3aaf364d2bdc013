import type { Criterion, Survey } from '@parsurvey/shared'

/** The leaves of the criteria tree in tree order (the order of the score columns). */
export function leavesOf(survey: Survey): Criterion[] {
  const leaves: Criterion[] = []
  const visit = (nodes: Criterion[]): void => {
    for (const node of nodes) {
      if (node.children && node.children.length > 0) visit(node.children)
      else leaves.push(node)
    }
  }
  visit(survey.criteria)
  return leaves
}
