import type { Survey } from './schema.ts'
import { surveyIssue, type SurveyIssue } from './issue.ts'
import { checkLogic } from './logic-issues.ts'
import { criteriaTree, isLeaf, type CriterionNode } from './criteria-tree.ts'
import { checkQuestion, duplicates } from './question-issues.ts'

/** Leaf points may be decimals (e.g. 1.5 + 0.25): compare sums with this tolerance. */
const POINTS_TOLERANCE = 1e-9

/**
 * The rules a well-shaped survey must also follow across fields (points add up, ids are unique,
 * references resolve, every leaf can be scored). Returns every problem found, not just the first,
 * so an editor can fix a file in one pass. An empty list means the survey is usable.
 */
export function checkSurveyInvariants(survey: Survey): SurveyIssue[] {
  const nodes = criteriaTree(survey.criteria)
  return [
    ...checkPoints(survey, nodes),
    ...checkCriteriaShape(nodes),
    ...checkClassification(survey),
    ...checkIds(survey, nodes),
    ...checkLocations(survey),
    ...checkNotApplicable(survey, nodes),
    ...checkRound(survey),
    ...survey.questions.flatMap((question, i) => checkQuestion(survey, nodes, question, `questions[${i}]`)),
    ...checkCoverage(survey, nodes),
    ...checkLogic(survey),
  ]
}

function checkPoints(survey: Survey, nodes: CriterionNode[]): SurveyIssue[] {
  const issues: SurveyIssue[] = []
  const sum = nodes.reduce((acc, { criterion }) => acc + (isLeaf(criterion) ? (criterion.maxPoints ?? 0) : 0), 0)
  if (Math.abs(sum - survey.surveyPoints) > POINTS_TOLERANCE) {
    issues.push(
      surveyIssue('surveyPoints', 'survey-points-sum', { surveyPoints: survey.surveyPoints, sum: round(sum) }),
    )
  }
  const total = survey.surveyPoints + survey.selfAssessmentPoints
  if (Math.abs(total - 100) > POINTS_TOLERANCE) {
    issues.push(
      surveyIssue('selfAssessmentPoints', 'survey-points-total', {
        surveyPoints: survey.surveyPoints,
        selfAssessmentPoints: survey.selfAssessmentPoints,
        total: round(total),
      }),
    )
  }
  return issues
}

function checkCriteriaShape(nodes: CriterionNode[]): SurveyIssue[] {
  return nodes.flatMap(({ criterion, path }): SurveyIssue[] => {
    if (isLeaf(criterion) && criterion.maxPoints === undefined) {
      return [surveyIssue(`${path}.maxPoints`, 'survey-leaf-without-points', { id: criterion.id })]
    }
    if (!isLeaf(criterion) && criterion.maxPoints !== undefined) {
      return [surveyIssue(`${path}.maxPoints`, 'survey-parent-with-points', { id: criterion.id })]
    }
    return []
  })
}

function checkClassification(survey: Survey): SurveyIssue[] {
  const issues: SurveyIssue[] = []
  const bands = survey.classification
  bands.forEach((band, i) => {
    const previous = bands[i - 1]
    if (previous && band.min >= previous.min) {
      issues.push(
        surveyIssue(`classification[${i}].min`, 'survey-classification-order', {
          min: band.min,
          previous: previous.min,
        }),
      )
    }
  })
  const last = bands.at(-1)
  if (last && last.min !== 0) {
    issues.push(surveyIssue(`classification[${bands.length - 1}].min`, 'survey-classification-last', { min: last.min }))
  }
  issues.push(
    ...duplicates(
      bands.map((band, i) => ({ id: band.id, path: `classification[${i}].id` })),
      'survey-duplicate-band',
    ),
  )
  return issues
}

function checkIds(survey: Survey, nodes: CriterionNode[]): SurveyIssue[] {
  return [
    ...duplicates(
      nodes.map(({ criterion, path }) => ({ id: criterion.id, path: `${path}.id` })),
      'survey-duplicate-criterion',
    ),
    ...duplicates(
      survey.groups.map((g, i) => ({ id: g.id, path: `groups[${i}].id` })),
      'survey-duplicate-group',
    ),
    ...duplicates(
      survey.units.map((u, i) => ({ id: u.id, path: `units[${i}].id` })),
      'survey-duplicate-unit',
    ),
    ...survey.units.flatMap((unit, i) =>
      duplicates(
        unit.locations.map((l, j) => ({ id: l.id, path: `units[${i}].locations[${j}].id` })),
        'survey-duplicate-location',
      ),
    ),
    ...duplicates(
      survey.questions.map((q, i) => ({ id: q.id, path: `questions[${i}].id` })),
      'survey-duplicate-question',
    ),
  ]
}

function checkLocations(survey: Survey): SurveyIssue[] {
  const perLocation = survey.groups.filter((g) => g.quotaPer === 'location')
  return survey.units.flatMap((unit, i) =>
    unit.locations.length > 0
      ? []
      : perLocation.map((group) =>
          surveyIssue(`units[${i}].locations`, 'survey-unit-without-locations', { unit: unit.id, group: group.id }),
        ),
  )
}

/** `units[].notApplicable` names leaves, once each, and leaves the unit at least one leaf to score. */
function checkNotApplicable(survey: Survey, nodes: CriterionNode[]): SurveyIssue[] {
  const leaves = new Set(nodes.filter(({ criterion }) => isLeaf(criterion)).map(({ criterion }) => criterion.id))
  return survey.units.flatMap((unit, i) => {
    const list = unit.notApplicable ?? []
    const path = `units[${i}].notApplicable`
    const issues = list.flatMap((id, j) => {
      if (leaves.has(id)) return []
      return [surveyIssue(`${path}[${j}]`, 'survey-not-applicable-not-leaf', { id, unit: unit.id })]
    })
    issues.push(
      ...duplicates(
        list.map((id, j) => ({ id, path: `${path}[${j}]` })),
        'survey-duplicate-not-applicable',
      ),
    )
    if (leaves.size > 0 && [...leaves].every((leaf) => list.includes(leaf)))
      issues.push(surveyIssue(path, 'survey-all-not-applicable', { unit: unit.id }))
    return issues
  })
}

function checkRound(survey: Survey): SurveyIssue[] {
  const round = survey.round
  if (!round || round.opens <= round.closes) return []
  return [surveyIssue('round.closes', 'survey-round-order', { opens: round.opens, closes: round.closes })]
}

/** A leaf nobody is asked about can never score, and a group asked nothing only adds noise. */
function checkCoverage(survey: Survey, nodes: CriterionNode[]): SurveyIssue[] {
  const mapped = new Set(survey.questions.map((q) => q.criterion))
  const asked = new Set(survey.questions.flatMap((q) => q.groups))
  return [
    ...nodes
      .filter(({ criterion }) => isLeaf(criterion) && !mapped.has(criterion.id))
      .map(({ criterion, path }) => surveyIssue(path, 'survey-leaf-without-questions', { id: criterion.id })),
    ...survey.groups.flatMap((group, i) =>
      asked.has(group.id) ? [] : [surveyIssue(`groups[${i}]`, 'survey-group-without-questions', { id: group.id })],
    ),
  ]
}

/** Sums of decimals print like 23.999999999999996; show what the author typed. */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6
}
