import { isSingleChoice } from '../survey/question-kind.ts'
import { criteriaTree } from '../survey/criteria-tree.ts'
import { domainIndex } from '../survey/sections.ts'
import type { Criterion, Label, Option, Question, Survey } from '../survey/schema.ts'
import { SHEET, translated, type CellValue, type Sheet } from './sheets.ts'

const labelColumns = (name: string) => [translated(name, 'vi'), translated(name, 'en')]
const labelCells = (label: Label | undefined): CellValue[] => [label?.vi ?? null, label?.en ?? null]
const flag = (value: boolean | undefined): CellValue => (value === undefined ? null : value ? 'yes' : 'no')

/**
 * The workbook of a survey in XLSForm's layout (sheets `survey`, `choices`, `settings`) plus our
 * sheets for what XLSForm has no word for. `sheetsToSurvey` reads it back to the same survey.
 */
export function surveyToSheets(survey: Survey, sectionLabel: (domain: Criterion | undefined) => Label): Sheet[] {
  const lists = choiceLists(survey.questions)
  return [
    surveySheet(survey, lists, sectionLabel),
    choicesSheet(lists),
    {
      name: SHEET.settings,
      columns: [
        'form_id',
        'version',
        'form_title',
        translated('form_title', 'en'),
        ...labelColumns('description'),
        'year',
        'unit_kind',
        'round_opens',
        'round_closes',
        'rate_own_unit',
      ],
      rows: [
        [
          survey.id,
          survey.version,
          survey.title.vi,
          survey.title.en ?? null,
          ...labelCells(survey.description),
          survey.year,
          survey.unitKind,
          survey.round?.opens ?? null,
          survey.round?.closes ?? null,
          flag(survey.rateOwnUnit),
        ],
      ],
    },
    {
      name: SHEET.scoring,
      columns: ['surveyPoints', 'selfAssessmentPoints', 'dontKnow', 'missing'],
      rows: [[survey.surveyPoints, survey.selfAssessmentPoints, survey.dontKnow, survey.missing]],
    },
    {
      name: SHEET.criteria,
      columns: ['id', 'parent', ...labelColumns('label'), 'maxPoints'],
      rows: criteriaRows(survey.criteria),
    },
    {
      name: SHEET.groups,
      columns: ['id', ...labelColumns('label'), 'weight', 'minCell', 'quota', 'quotaPer'],
      rows: survey.groups.map((g) => [g.id, ...labelCells(g.label), g.weight, g.minCell, g.quota, g.quotaPer]),
    },
    {
      name: SHEET.units,
      columns: ['id', ...labelColumns('name')],
      rows: survey.units.map((u) => [u.id, ...labelCells(u.name)]),
    },
    {
      name: SHEET.locations,
      columns: ['unit', 'id', ...labelColumns('name')],
      rows: survey.units.flatMap((u) => u.locations.map((l) => [u.id, l.id, ...labelCells(l.name)])),
    },
    {
      name: SHEET.classification,
      columns: ['min', 'id', ...labelColumns('label')],
      rows: survey.classification.map((b) => [b.min, b.id, ...labelCells(b.label)]),
    },
  ]
}

/** Option lists by name: questions with the same options share one list, named after the first. */
function choiceLists(questions: Question[]): { byQuestion: Map<string, string>; lists: Map<string, Option[]> } {
  const byQuestion = new Map<string, string>()
  const lists = new Map<string, Option[]>()
  const byContent = new Map<string, string>()
  for (const question of questions) {
    if (question.options.length === 0) continue
    const key = JSON.stringify(question.options)
    const name = byContent.get(key) ?? question.id
    byContent.set(key, name)
    byQuestion.set(question.id, name)
    lists.set(name, question.options)
  }
  return { byQuestion, lists }
}

const SURVEY_COLUMNS = [
  'type',
  'name',
  ...labelColumns('label'),
  ...labelColumns('hint'),
  'required',
  'relevant',
  'constraint',
  ...labelColumns('constraint_message'),
  'criterion',
  'groups',
  'min',
  'max',
]

function surveySheet(
  survey: Survey,
  { byQuestion }: ReturnType<typeof choiceLists>,
  sectionLabel: (domain: Criterion | undefined) => Label,
): Sheet {
  const domains = domainIndex(survey.criteria)
  const rows: CellValue[][] = []
  const blank = (n: number) => Array<CellValue>(n).fill(null)
  let section: string | undefined
  for (const question of survey.questions) {
    const domain = question.criterion === undefined ? undefined : domains.get(question.criterion)
    const name = `section-${domain?.id ?? 'profile'}`
    if (name !== section) {
      if (section !== undefined) rows.push(['end_group', ...blank(SURVEY_COLUMNS.length - 1)])
      rows.push(['begin_group', name, ...labelCells(sectionLabel(domain)), ...blank(SURVEY_COLUMNS.length - 4)])
      section = name
    }
    rows.push([
      typeCell(question, byQuestion.get(question.id)),
      question.id,
      ...labelCells(question.text),
      ...labelCells(question.hint),
      flag(question.required),
      question.relevant ?? null,
      question.constraint ?? null,
      ...labelCells(question.constraintMessage),
      question.criterion ?? null,
      question.groups.join(' '),
      question.min ?? null,
      question.max ?? null,
    ])
  }
  if (section !== undefined) rows.push(['end_group', ...blank(SURVEY_COLUMNS.length - 1)])
  return { name: SHEET.survey, columns: SURVEY_COLUMNS, rows }
}

function typeCell(question: Question, list: string | undefined): string {
  if (isSingleChoice(question)) return `select_one ${list ?? ''}`.trim()
  switch (question.type) {
    case 'multiple':
      return `select_multiple ${list ?? ''}`.trim()
    case 'number':
      return question.decimal === true ? 'decimal' : 'integer'
    case 'text':
    case 'date':
    case 'note':
      return question.type
    case 'choice':
      return 'select_one'
    default:
      return question.type satisfies never
  }
}

function choicesSheet({ lists }: ReturnType<typeof choiceLists>): Sheet {
  const rows: CellValue[][] = []
  for (const [name, options] of lists) {
    for (const o of options)
      rows.push([
        name,
        o.value,
        ...labelCells(o.label),
        o.score === undefined ? null : (o.score ?? 'null'),
        flag(o.other),
      ])
  }
  return { name: SHEET.choices, columns: ['list_name', 'name', ...labelColumns('label'), 'score', 'other'], rows }
}

function criteriaRows(list: Criterion[]): CellValue[][] {
  return criteriaTree(list).map(({ criterion: c, parentId }) => [
    c.id,
    parentId,
    ...labelCells(c.label),
    c.maxPoints ?? null,
  ])
}
