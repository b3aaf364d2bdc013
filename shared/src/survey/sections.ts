import { criteriaTree } from './criteria-tree.ts'
import type { Criterion, Label, Question } from './schema.ts'

/**
 * The heading a question sits under, on screen and on the printed form: its domain (the root
 * criterion of its criterion), or the respondent profile for a question not mapped to one.
 */
export type Section = { kind: 'domain'; id: string; label: Label } | { kind: 'profile' }

/** Maps every criterion id to the domain at the root of its branch. */
export function domainIndex(criteria: Criterion[]): Map<string, Criterion> {
  return new Map(criteriaTree(criteria).map((node) => [node.criterion.id, node.root]))
}

export function sectionOf(question: Question, domains: Map<string, Criterion>): Section {
  const domain = question.criterion === undefined ? undefined : domains.get(question.criterion)
  return domain ? { kind: 'domain', id: domain.id, label: domain.label } : { kind: 'profile' }
}
