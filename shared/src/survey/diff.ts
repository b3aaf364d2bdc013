import type { Label, Question, Survey } from './schema.ts'

/** One option whose score changed between two versions. */
export type ScoreChange = { value: string; before: number | null | undefined; after: number | null | undefined }

/**
 * What changed from one version of a survey to the next, as an admin checks it before publishing:
 * questions added, removed, relabelled (text or option labels), rescored (option scores or the
 * criterion), otherwise changed (type, options, groups, logic, required), and the other parts of
 * the file that differ (points, criteria, groups, units, classification…).
 */
export type SurveyDiff = {
  fromVersion: number
  added: { id: string; text: Label }[]
  removed: { id: string; text: Label }[]
  relabelled: { id: string; before: Label; after: Label }[]
  rescored: { id: string; criterion: { before?: string; after?: string } | null; options: ScoreChange[] }[]
  changed: { id: string; keys: string[] }[]
  parts: string[]
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Keys of a question compared as "changed" (text and scores have their own lists). */
const OTHER_KEYS = [
  'type',
  'groups',
  'required',
  'relevant',
  'constraint',
  'constraintMessage',
  'min',
  'max',
  'decimal',
  'hint',
] as const

export function surveyDiff(before: Survey, after: Survey): SurveyDiff {
  const old = new Map(before.questions.map((q) => [q.id, q]))
  const now = new Map(after.questions.map((q) => [q.id, q]))
  const diff: SurveyDiff = {
    fromVersion: before.version,
    added: after.questions.filter((q) => !old.has(q.id)).map((q) => ({ id: q.id, text: q.text })),
    removed: before.questions.filter((q) => !now.has(q.id)).map((q) => ({ id: q.id, text: q.text })),
    relabelled: [],
    rescored: [],
    changed: [],
    parts: (
      [
        'title',
        'description',
        'round',
        'surveyPoints',
        'selfAssessmentPoints',
        'dontKnow',
        'missing',
        'classification',
        'groups',
        'units',
        'criteria',
      ] as const
    ).filter((key) => !same(before[key], after[key])),
  }
  for (const question of after.questions) {
    const was = old.get(question.id)
    if (was) compareQuestion(was, question, diff)
  }
  return diff
}

function compareQuestion(was: Question, now: Question, diff: SurveyDiff): void {
  const labels = (q: Question) => q.options.map((o) => [o.value, o.label])
  if (!same(was.text, now.text) || !same(labels(was), labels(now)))
    diff.relabelled.push({ id: now.id, before: was.text, after: now.text })
  const scoreOf = new Map(was.options.map((o) => [o.value, o.score]))
  const options = now.options
    .filter((o) => scoreOf.has(o.value) && scoreOf.get(o.value) !== o.score)
    .map((o) => ({ value: o.value, before: scoreOf.get(o.value), after: o.score }))
  const criterion = was.criterion === now.criterion ? null : { before: was.criterion, after: now.criterion }
  if (options.length > 0 || criterion) diff.rescored.push({ id: now.id, criterion, options })
  const keys: string[] = OTHER_KEYS.filter((key) => !same(was[key], now[key]))
  const values = (q: Question) => q.options.map((o) => [o.value, o.other ?? false])
  if (!same(values(was), values(now))) keys.push('options')
  if (keys.length > 0) diff.changed.push({ id: now.id, keys })
}

/** Whether nothing a reader would notice changed. */
export function isEmptyDiff(diff: SurveyDiff): boolean {
  return [diff.added, diff.removed, diff.relabelled, diff.rescored, diff.changed, diff.parts].every(
    (list) => list.length === 0,
  )
}
