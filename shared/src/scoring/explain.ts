import type { Criterion, Survey } from '../survey/schema.ts'
import { isSingleChoice } from '../survey/question-kind.ts'
import { fractionInterval, type ScoreInterval } from './interval.ts'
import type { LeafScore, LeafStatus } from './leaf-rules.ts'
import { findCell, optionCount, unitResponses, type ScoringState } from './state.ts'
import { isLeaf } from '../survey/criteria-tree.ts'
import { isScored } from './survey-index.ts'
import { scoreOneUnitLeaves } from './unit-leaves.ts'

export type CriterionExplanation = {
  criterionId: string
  parentId: string | null
  leaf: boolean
  /** A leaf's maxPoints; a parent's is the sum of its counted leaves'. */
  maxPoints: number
  /** A counted leaf's f × maxPoints (0 when it does not count); a parent's is the sum of its children's (docs/scoring.md, step 4). */
  points: number
  /** Leaves only: 95% interval of the points (fraction interval × maxPoints) when measured; see fractionInterval. */
  interval: ScoreInterval | null
  insufficientData: boolean
  /** Leaves only: how the leaf counts (answers, the `missing` rule, or exempted); null on parents. */
  status: LeafStatus | null
  /** The leaf counts in the survey points; a parent counts when one of its leaves does. */
  counted: boolean
}

export type GroupExplanation = {
  groupId: string
  n: number
  dontKnow: number
  mean: number | null
  present: boolean
  normalisedWeight: number
}

export type QuestionExplanation = {
  questionId: string
  criterionId: string | null
  score: number | null
  groups: GroupExplanation[]
  /** Don't-know answers ÷ all non-blank choice answers; null when there are none. */
  dontKnowRate: number | null
  /** Answers per option value over all groups, in option order. */
  options: { value: string; count: number }[]
}

export type UnitExplanation = {
  unitId: string
  responses: number
  /** Responses per group × location. */
  tallies: { groupId: string; locationId: string | null; responses: number }[]
  criteria: CriterionExplanation[]
  questions: QuestionExplanation[]
}

/** The analyst's view of one unit's score: every criterion node, every question, n and spread. */
export function explainUnit(survey: Survey, state: ScoringState, unitId: string): UnitExplanation {
  const leaves = new Map(scoreOneUnitLeaves(survey, state, unitId).leaves.map((leaf) => [leaf.criterionId, leaf]))
  const criteria: CriterionExplanation[] = []
  const visit = (node: Criterion, parentId: string | null): CriterionExplanation => {
    const entry: CriterionExplanation = {
      criterionId: node.id,
      parentId,
      leaf: isLeaf(node),
      maxPoints: 0,
      points: 0,
      interval: null,
      insufficientData: false,
      status: null,
      counted: false,
    }
    criteria.push(entry)
    if (entry.leaf) fillLeaf(entry, leaves.get(node.id))
    else {
      for (const child of node.children ?? []) {
        const sums = visit(child, node.id)
        if (!sums.counted) continue
        entry.points += sums.points
        entry.maxPoints += sums.maxPoints
        entry.counted = true
      }
    }
    return entry
  }
  for (const root of survey.criteria) visit(root, null)

  const scores = new Map([...leaves.values()].flatMap((leaf) => leaf.questions).map((q) => [q.questionId, q]))
  const questions = survey.questions.filter(isSingleChoice).map((question): QuestionExplanation => {
    const score = scores.get(question.id)
    const options = question.options.map((o) => ({ value: o.value, count: 0 }))
    for (const group of survey.groups) {
      const cell = findCell(state, unitId, group.id, question.id)
      if (cell) for (const option of options) option.count += optionCount(cell, option.value)
    }
    const answers = options.reduce((n, o) => n + o.count, 0)
    const dontKnows = question.options.reduce(
      (n, o, i) => n + ((o.score ?? null) === null ? (options[i]?.count ?? 0) : 0),
      0,
    )
    return {
      questionId: question.id,
      criterionId: isScored(question) ? (question.criterion ?? null) : null,
      score: score?.score ?? null,
      groups: (score?.groups ?? []).map((g) => ({
        groupId: g.groupId,
        n: g.moments.n,
        dontKnow: g.moments.dontKnow,
        mean: g.mean,
        present: g.present,
        normalisedWeight: g.normalisedWeight,
      })),
      dontKnowRate: answers > 0 ? dontKnows / answers : null,
      options,
    }
  })

  const tallies = [...(state.units.get(unitId) ?? new Map())].flatMap(([groupId, group]) =>
    [...group.responses].map(([locationId, responses]) => ({ groupId, locationId, responses })),
  )
  return { unitId, responses: unitResponses(state, unitId), tallies, criteria, questions }
}

function fillLeaf(entry: CriterionExplanation, leaf: LeafScore | undefined): void {
  if (!leaf) return
  entry.maxPoints = leaf.maxPoints
  entry.points = leaf.points
  entry.insufficientData = leaf.insufficientData
  entry.status = leaf.status
  entry.counted = leaf.counted
  // Only answers have a sampling spread: a filled, zero or uncounted leaf has no interval.
  if (leaf.status !== 'scored') return
  const interval = fractionInterval(leaf.questions, leaf.fraction)
  entry.interval = interval && { low: interval.low * leaf.maxPoints, high: interval.high * leaf.maxPoints }
}
