import type { Option } from '../survey/schema.ts'
import type { CellPlace } from './read-cells.ts'
import { SheetReader } from './read-cells.ts'
import type { Sheet } from './sheets.ts'

type Places = Map<string, CellPlace>
type Data = Record<string, unknown>
export type ChoiceLists = Map<string, { option: Data; row: number }[]>

/** XLSForm types we have no equivalent for: named so the author knows why the row is refused. */
const UNSUPPORTED =
  /^(calculate|geopoint|geotrace|geoshape|image|audio|video|file|barcode|acknowledge|range|rank|time|datetime|begin[_ ]repeat|end[_ ]repeat|start|end|today|deviceid|hidden|trigger)\b/

/** The `choices` sheet: options by list name, each remembering its row. */
export function readChoices(sheet: Sheet | undefined, places: Places, issues: SheetReader['issues']): ChoiceLists {
  const lists: ChoiceLists = new Map()
  if (!sheet) return lists
  const r = new SheetReader(sheet)
  for (const { row, cells } of r.rows()) {
    const list = r.text(cells, 'list_name') ?? r.text(cells, 'list name')
    if (list === undefined) {
      r.problem(row, 'list_name', 'xlsform-missing-cell', { header: 'list_name' })
      continue
    }
    const option: Data = { value: r.text(cells, 'name'), label: r.label(cells, 'label') }
    const score = r.raw(cells, 'score')
    if (score !== null) {
      if (String(score).trim().toLowerCase() === 'null') option.score = null
      else option.score = r.number(cells, row, 'score')
    }
    const other = r.flag(cells, row, 'other')
    if (other !== undefined) option.other = other
    lists.set(list, [...(lists.get(list) ?? []), { option, row }])
    places.set(`choices:${list}:${lists.get(list)!.length - 1}`, r.place(row))
  }
  issues.push(...r.issues)
  return lists
}

/**
 * The `survey` sheet: one question per row; `begin_group`/`end_group` rows are sections for the
 * reader's eye only (the questionnaire takes its sections from the criteria) and must balance.
 */
export function readQuestions(sheet: Sheet, lists: ChoiceLists, places: Places, issues: SheetReader['issues']): Data[] {
  const r = new SheetReader(sheet)
  const choiceSheet = (list: string, i: number) => places.get(`choices:${list}:${i}`)
  const questions: Data[] = []
  let depth = 0
  for (const { row, cells } of r.rows()) {
    const type = (r.text(cells, 'type') ?? '').replace(/\s+/g, ' ')
    if (/^begin[_ ]group$/i.test(type)) {
      depth++
      if (r.text(cells, 'relevant') !== undefined) r.problem(row, 'relevant', 'xlsform-group-logic')
      continue
    }
    if (/^end[_ ]group$/i.test(type)) {
      if (depth-- === 0) r.problem(row, 'type', 'xlsform-unbalanced-group')
      depth = Math.max(depth, 0)
      continue
    }
    const path = `questions[${questions.length}]`
    const question: Data = { id: r.text(cells, 'name') }
    places.set(path, r.place(row))
    const typed = readType(type)
    if (typed === undefined) {
      r.problem(
        row,
        'type',
        UNSUPPORTED.test(type.toLowerCase()) ? 'xlsform-unsupported-type' : 'xlsform-unknown-type',
        { type },
      )
      continue
    }
    Object.assign(question, typed.fields)
    if (typed.list !== undefined) {
      const entries = lists.get(typed.list)
      if (!entries) r.problem(row, 'type', 'xlsform-unknown-list', { list: typed.list })
      const options: Data[] = (entries ?? []).map((e) => ({ ...e.option }))
      ;(entries ?? []).forEach((_, i) => {
        const at = choiceSheet(typed.list!, i)
        if (at) places.set(`${path}.options[${i}]`, at)
      })
      if (typed.orOther) options.push({ ...OR_OTHER })
      question.options = options
    }
    readColumns(r, cells, row, question, path, places)
    questions.push(question)
  }
  if (depth > 0)
    issues.push({
      place: { sheet: sheet.name, row: sheet.rows.length + 1 },
      code: 'xlsform-unbalanced-group',
      params: {},
    })
  issues.push(...r.issues)
  return questions
}

const OR_OTHER: Option = { value: 'other', label: { vi: 'Khác (ghi rõ)', en: 'Other (specify)' }, other: true }

function readType(type: string): { fields: Data; list?: string; orOther?: boolean } | undefined {
  const select = /^select_(one|multiple) ([^\s]+)( or_other)?$/i.exec(type)
  if (select) {
    const fields: Data = select[1]!.toLowerCase() === 'multiple' ? { type: 'multiple' } : {}
    return { fields, list: select[2]!, orOther: select[3] !== undefined }
  }
  const word = type.toLowerCase()
  switch (word) {
    case 'integer':
      return { fields: { type: 'number' } }
    case 'decimal':
      return { fields: { type: 'number', decimal: true } }
    case 'text':
    case 'date':
    case 'note':
      return { fields: { type: word } }
    default:
      return undefined
  }
}

function readColumns(
  r: SheetReader,
  cells: Parameters<SheetReader['raw']>[0],
  row: number,
  question: Data,
  path: string,
  places: Places,
): void {
  const set = (key: string, value: unknown, column: string) => {
    if (value === undefined) return
    question[key] = value
    places.set(`${path}.${key}`, r.place(row, column))
  }
  set('criterion', r.text(cells, 'criterion'), 'criterion')
  const groups = r.text(cells, 'groups')
  set('groups', groups === undefined ? undefined : groups.split(/[\s,;]+/).filter((g) => g !== ''), 'groups')
  set('text', r.label(cells, 'label'), 'label::vi')
  places.set(`${path}.text.en`, r.place(row, 'label::en'))
  set('hint', r.label(cells, 'hint'), 'hint::vi')
  set('required', r.flag(cells, row, 'required'), 'required')
  set('relevant', r.text(cells, 'relevant'), 'relevant')
  set('constraint', r.text(cells, 'constraint'), 'constraint')
  set('constraintMessage', r.label(cells, 'constraint_message'), 'constraint_message::vi')
  set('min', r.number(cells, row, 'min'), 'min')
  set('max', r.number(cells, row, 'max'), 'max')
  places.set(`${path}.id`, r.place(row, 'name'))
  places.set(`${path}.type`, r.place(row, 'type'))
  places.set(`${path}.options`, r.place(row, 'type'))
}
