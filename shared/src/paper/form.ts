import { parseExpression } from '../expression/parse.ts'
import { DomainError } from '../errors/domain-error.ts'
import { formatMessage, type Locale } from '../errors/messages/index.ts'
import { labelIn } from '../results/labels.ts'
import { hasOptions, isAnswerable, isSingleChoice } from '../survey/question-kind.ts'
import type { Question, Survey } from '../survey/schema.ts'
import { domainIndex, sectionOf } from '../survey/sections.ts'
import { conditionWords, type NumberedQuestions } from './condition-words.ts'
import { skipTargets, type FormEntry, type SkipTarget } from './skips.ts'

/**
 * The printed blank questionnaire of one respondent group, as words ready to lay out: the same
 * questions in the same order and sections as on screen, answerable questions numbered 1, 2, 3…
 * (notes are not), options numbered as the keyer types them (1 picks the first), skip
 * instructions in words. The HTML page and the PDF (server/src/paper/) only lay this out.
 */
export type PaperOption = {
  /** The number printed beside the box, and the key that picks it in the field app. */
  key: number
  label: string
  other: boolean
  /** "→ câu 7": where choosing it sends the respondent, when it skips questions. */
  skipTo: string | null
}

export type PaperQuestion = {
  kind: 'question'
  id: string
  number: number
  type: 'single' | 'multiple' | 'text' | 'number' | 'date'
  text: string
  hint: string | null
  /** How to answer ("Chọn một phương án.", "Ghi một số nguyên từ 0 đến 50."). */
  howTo: string
  options: PaperOption[]
  /** "Nếu chọn «Không», chuyển sang câu 7." one sentence per target. */
  skips: string[]
  /** "Chỉ hỏi nếu câu 3 trả lời «Có»." from the question's `relevant`. */
  onlyIf: string | null
  /** The survey's own constraint message, printed as a rule of the answer. */
  rule: string | null
}

export type PaperNote = { kind: 'note'; id: string; text: string; onlyIf: string | null }
export type PaperItem = PaperQuestion | PaperNote
export type PaperSection = { heading: string; items: PaperItem[] }

export type PaperForm = {
  surveyId: string
  version: number
  locale: Locale
  title: string
  description: string | null
  groupId: string
  groupLabel: string
  unitName: string | null
  sections: PaperSection[]
}

/** The group's form; `unitId` prints the unit's name in its place (else a line to write it on). */
export function paperForm(survey: Survey, groupId: string, unitId: string | null, locale: Locale): PaperForm {
  const group = survey.groups.find((g) => g.id === groupId)
  if (!group) throw new DomainError('paper-group-unknown', { status: 400, field: 'group', params: { group: groupId } })
  const unit = unitId === null ? null : survey.units.find((u) => u.id === unitId)
  if (unit === undefined)
    throw new DomainError('paper-unit-unknown', { status: 400, field: 'unit', params: { unit: String(unitId) } })
  const say = (code: string, params: Record<string, string | number> = {}) => formatMessage(code, params, locale)

  let number = 0
  const entries: FormEntry[] = survey.questions
    .filter((q) => q.groups.includes(groupId))
    .map((question) => {
      const parsed = question.relevant === undefined ? undefined : parseExpression(question.relevant)
      return {
        question,
        relevant: parsed?.ok ? parsed.expr : undefined,
        number: isAnswerable(question) ? ++number : null,
      }
    })
  const numbered: NumberedQuestions = new Map(
    survey.questions.map((q) => [q.id, { question: q, number: entries.find((e) => e.question === q)?.number ?? null }]),
  )
  const target = (to: SkipTarget) =>
    to === 'end' ? say('paper-skip-arrow-end') : say('paper-skip-arrow', { number: to })

  const domains = domainIndex(survey.criteria)
  const sections: PaperSection[] = []
  let lastSection = ''
  entries.forEach((entry, index) => {
    const { question } = entry
    const section = sectionOf(question, domains)
    const key = section.kind === 'domain' ? `domain:${section.id}` : 'profile'
    if (key !== lastSection) {
      const heading = section.kind === 'domain' ? labelIn(section.label, locale) : say('paper-profile')
      sections.push({ heading, items: [] })
      lastSection = key
    }
    const onlyIf = entry.relevant
      ? say('paper-only-if', { condition: conditionWords(entry.relevant, numbered, locale) })
      : null
    const text = labelIn(question.text, locale)
    if (entry.number === null) {
      sections.at(-1)!.items.push({ kind: 'note', id: question.id, text, onlyIf })
      return
    }
    const skipsTo = skipTargets(entries, index)
    const options: PaperOption[] = hasOptions(question)
      ? question.options.map((option, i) => {
          const to = skipsTo.get(option.value)
          return {
            key: i + 1,
            label: labelIn(option.label, locale),
            other: option.other === true,
            skipTo: to === undefined ? null : target(to),
          }
        })
      : []
    sections.at(-1)!.items.push({
      kind: 'question',
      id: question.id,
      number: entry.number,
      type: isSingleChoice(question) ? 'single' : (question.type as PaperQuestion['type']),
      text,
      hint: question.hint ? labelIn(question.hint, locale) : null,
      howTo: howTo(question, locale),
      options,
      skips: skipSentences(question, skipsTo, locale),
      onlyIf,
      rule: question.constraintMessage ? labelIn(question.constraintMessage, locale) : null,
    })
  })

  return {
    surveyId: survey.id,
    version: survey.version,
    locale,
    title: labelIn(survey.title, locale),
    description: survey.description ? labelIn(survey.description, locale) : null,
    groupId,
    groupLabel: labelIn(group.label, locale),
    unitName: unit ? labelIn(unit.name, locale) : null,
    sections,
  }
}

/** One sentence per target, the options that lead there named together ("«Không» hoặc «Không biết»"). */
function skipSentences(question: Question, targets: Map<string, SkipTarget>, locale: Locale): string[] {
  const byTarget = new Map<SkipTarget, string[]>()
  for (const option of question.options) {
    const to = targets.get(option.value)
    if (to === undefined) continue
    byTarget.set(to, [
      ...(byTarget.get(to) ?? []),
      formatMessage('paper-quoted', { text: labelIn(option.label, locale) }, locale),
    ])
  }
  const or = ` ${formatMessage('paper-or', {}, locale)} `
  return [...byTarget].map(([to, names]) =>
    to === 'end'
      ? formatMessage('paper-skip-end', { options: names.join(or) }, locale)
      : formatMessage('paper-skip', { options: names.join(or), number: to }, locale),
  )
}

function howTo(question: Question, locale: Locale): string {
  const say = (code: string, params: Record<string, string | number> = {}) => formatMessage(code, params, locale)
  switch (question.type) {
    case 'choice':
      return say('paper-pick-one')
    case 'multiple':
      return say('paper-pick-many')
    case 'date':
      return say('paper-write-date')
    case 'number': {
      const format = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 6 })
      const base = say(question.decimal ? 'paper-write-decimal' : 'paper-write-integer')
      const { min, max } = question
      const range =
        min !== undefined && max !== undefined
          ? say('paper-range-both', { min: format.format(min), max: format.format(max) })
          : min !== undefined
            ? say('paper-range-min', { min: format.format(min) })
            : max !== undefined
              ? say('paper-range-max', { max: format.format(max) })
              : null
      return `${base}${range ? ` ${range}` : ''}.`
    }
    default:
      return say('paper-write-text')
  }
}
