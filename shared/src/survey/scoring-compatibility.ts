import { formatMessage, type Locale } from '../errors/messages/index.ts'
import { criteriaTree, isLeaf } from './criteria-tree.ts'
import { isScored } from './question-kind.ts'
import type { Survey } from './schema.ts'

/**
 * When two versions of one survey can be scored as one data set: scoring reads the same things
 * the same way in both (docs/scoring.md). Labels, texts, hints, logic, quotas, locations and the
 * questions that are not scored may differ; what scoring reads may not:
 * - the points (`surveyPoints`, `selfAssessmentPoints`) and the rules (`dontKnow`, `missing`);
 * - the classification bands (lower bounds and ids);
 * - the groups (ids, weights, minCell) and the units (ids, leaves that do not apply);
 * - the criteria tree (ids, parents, maximum points);
 * - the scored questions (ids, criterion, groups asked, option values and their scores).
 */

/** What scoring reads differently in two versions; `id` names the group, unit, criterion or question. */
export type ScoringDifference = {
  part: ScoringPart
  id?: string
}
export const SCORING_PARTS = [
  'surveyPoints',
  'selfAssessmentPoints',
  'dontKnow',
  'missing',
  'classification',
  'group',
  'unit',
  'criterion',
  'question',
] as const
export type ScoringPart = (typeof SCORING_PARTS)[number]

/** Canonical text of a value (object keys as written: the projections below build them in one order). */
const text = (value: unknown): string => JSON.stringify(value) ?? 'undefined'

function criteriaOf(survey: Survey): Map<string, string> {
  return new Map(
    criteriaTree(survey.criteria).map(({ criterion, parentId: parent }) => [
      criterion.id,
      text({ parent, maxPoints: isLeaf(criterion) ? (criterion.maxPoints ?? 0) : null }),
    ]),
  )
}

/** Per part, id → what scoring reads of it (as text), for the parts made of many entries. */
function entries(survey: Survey): Record<'group' | 'unit' | 'criterion' | 'question', Map<string, string>> {
  return {
    group: new Map(survey.groups.map((g) => [g.id, text({ weight: g.weight, minCell: g.minCell })])),
    unit: new Map(survey.units.map((u) => [u.id, text([...(u.notApplicable ?? [])].sort())])),
    criterion: criteriaOf(survey),
    question: new Map(
      survey.questions.filter(isScored).map((q) => [
        q.id,
        text({
          criterion: q.criterion,
          groups: [...q.groups].sort(),
          options: q.options
            .map((o) => [o.value, o.score ?? null])
            .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
        }),
      ]),
    ),
  }
}

const scalar = (survey: Survey) => ({
  surveyPoints: survey.surveyPoints,
  selfAssessmentPoints: survey.selfAssessmentPoints,
  dontKnow: survey.dontKnow,
  missing: survey.missing,
  classification: text(survey.classification.map((band) => [band.min, band.id])),
})

/**
 * What scoring reads differently in `a` and `b`, in the order of SCORING_PARTS and, within a
 * part, of `a` then of what only `b` has. Empty: the two versions are scoring-compatible.
 */
export function scoringDifferences(a: Survey, b: Survey): ScoringDifference[] {
  const differences: ScoringDifference[] = []
  const [left, right] = [scalar(a), scalar(b)]
  for (const part of ['surveyPoints', 'selfAssessmentPoints', 'dontKnow', 'missing', 'classification'] as const)
    if (left[part] !== right[part]) differences.push({ part })
  const [many, other] = [entries(a), entries(b)]
  for (const part of ['group', 'unit', 'criterion', 'question'] as const) {
    const [mine, theirs] = [many[part], other[part]]
    for (const [id, value] of mine) if (theirs.get(id) !== value) differences.push({ part, id })
    for (const id of theirs.keys()) if (!mine.has(id)) differences.push({ part, id })
  }
  return differences
}

/** Whether responses to `a` and to `b` can be added into one scoring state and scored with either. */
export function scoringCompatible(a: Survey, b: Survey): boolean {
  return scoringDifferences(a, b).length === 0
}

/** A difference in words, for the notice that says why two versions were not combined. */
export function scoringDifferenceText(difference: ScoringDifference, locale: Locale): string {
  return formatMessage(`scoring-difference-${difference.part}`, { id: difference.id ?? '' }, locale)
}
