import { answerCell, otherAnswerKey, type AnswerValue, type Label, type Question, type Survey } from '@parsurvey/shared'
import type { FlagKind, QualityFlag, QualityReport } from '../../api/admin.ts'

/** The order reviewers meet the flags in: what blocks scoring first, then what casts doubt. */
export const FLAG_ORDER: readonly FlagKind[] = [
  'pending-conflict',
  'duplicate-serial',
  'straight-lining',
  'fast-interview',
  'surveyor-outlier',
  'submitted-before-started',
  'future-time',
  'before-publication',
  'outside-round',
]

export type FlagSection = { kind: FlagKind; flags: QualityFlag[]; open: number }

/** The report's flags by kind in FLAG_ORDER, open flags first (each kind listed, even when empty). */
export function flagSections(report: QualityReport): FlagSection[] {
  return FLAG_ORDER.map((kind) => {
    const flags = report.flags.filter((f) => f.kind === kind)
    const sorted = [...flags.filter((f) => f.open), ...flags.filter((f) => !f.open)]
    return { kind, flags: sorted, open: report.counts[kind]?.open ?? flags.filter((f) => f.open).length }
  })
}

export type AnswerRow = { questionId: string; text: Label | null; answer: Label | string | null }

/**
 * A response's answers in survey order, each with its question's text and the chosen option's
 * label (free text as it is). Answers to questions the survey does not know come last, raw.
 */
export function answerRows(survey: Survey | null, answers: Record<string, AnswerValue>): AnswerRow[] {
  if (!survey)
    return Object.entries(answers).map(([questionId, value]) => ({
      questionId,
      text: null,
      answer: answerCellText(value),
    }))
  const rows: AnswerRow[] = []
  const shown = new Set<string>()
  for (const q of survey.questions) {
    for (const key of [q.id, otherAnswerKey(q.id)]) {
      if (!(key in answers)) continue
      shown.add(key)
      rows.push({
        questionId: key,
        text: q.text,
        answer: key === q.id ? optionLabels(q, answers[key] ?? null) : answerCellText(answers[key]),
      })
    }
  }
  for (const [questionId, value] of Object.entries(answers))
    if (!shown.has(questionId)) rows.push({ questionId, text: null, answer: answerCellText(value) })
  return rows
}

/** The label of a chosen option (the labels of several, joined), or the answer as text. */
function optionLabels(question: Question, value: AnswerValue): Label | string | null {
  const picked = (Array.isArray(value) ? value : [value]).map((v) => question.options.find((o) => o.value === v))
  if (picked.length === 0 || picked.some((o) => o === undefined)) return answerCellText(value)
  const labels = picked.map((o) => o!.label)
  return labels.length === 1
    ? labels[0]!
    : { vi: labels.map((l) => l.vi).join('; '), en: labels.map((l) => l.en ?? l.vi).join('; ') }
}

function answerCellText(value: AnswerValue | undefined): string | null {
  const cell = answerCell(value)
  return cell === null ? null : String(cell)
}

export type ComparedRow = {
  questionId: string
  text: Label | null
  original: Label | string | null
  proposed: Label | string | null
  changed: boolean
}

/** Original and proposed answers side by side, every question either one answered, changes marked. */
export function compareAnswers(
  survey: Survey | null,
  original: Record<string, AnswerValue>,
  proposed: Record<string, AnswerValue>,
): ComparedRow[] {
  const left = new Map(answerRows(survey, original).map((r) => [r.questionId, r]))
  const right = new Map(answerRows(survey, proposed).map((r) => [r.questionId, r]))
  const order = [...(survey?.questions.map((q) => q.id) ?? []), ...left.keys(), ...right.keys()]
  return [...new Set(order)]
    .filter((id) => left.has(id) || right.has(id))
    .map((questionId) => ({
      questionId,
      text: left.get(questionId)?.text ?? right.get(questionId)?.text ?? null,
      original: left.get(questionId)?.answer ?? null,
      proposed: right.get(questionId)?.answer ?? null,
      changed: answerCell(original[questionId]) !== answerCell(proposed[questionId]),
    }))
}

/** Minutes and seconds between two ISO times ("12:05"); null when either is unreadable. */
export function interviewLength(startedAt: string, submittedAt: string): string | null {
  const ms = Date.parse(submittedAt) - Date.parse(startedAt)
  if (!Number.isFinite(ms)) return null
  const total = Math.round(Math.abs(ms) / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return `${ms < 0 ? '-' : ''}${h > 0 ? `${h}:${String(m).padStart(2, '0')}` : m}:${s}`
}

/** The survey's name for a unit, a group or a location; the id itself when the survey lacks it. */
export function placeNames(survey: Survey | null) {
  const unit = (id: string | null) => survey?.units.find((u) => u.id === id)
  return {
    unit: (id: string | null): Label | string => unit(id)?.name ?? id ?? '—',
    group: (id: string | null): Label | string => survey?.groups.find((g) => g.id === id)?.label ?? id ?? '—',
    location: (unitId: string | null, id: string | null): Label | string =>
      id === null ? '—' : (unit(unitId)?.locations.find((l) => l.id === id)?.name ?? id),
  }
}
