import { validateSurvey } from '../survey/validate.ts'
import type { Survey } from '../survey/schema.ts'
import { SheetReader, type CellPlace, type WorkbookIssue } from './read-cells.ts'
import { readChoices, readQuestions } from './read-survey-sheet.ts'
import { SHEET, type Sheet } from './sheets.ts'

type Data = Record<string, unknown>
type Places = Map<string, CellPlace>

export type WorkbookValidation = { ok: true; survey: Survey } | { ok: false; issues: WorkbookIssue[] }

/**
 * Reads a survey workbook (surveys/README.md, "Excel") and validates the survey it holds. Every
 * problem comes with its sheet, row and column: the reader's own (an unknown type, a text where a
 * number belongs) and the validator's, whose paths (`questions[3].relevant`) are traced back to
 * the cell each value came from.
 */
export function validateWorkbook(sheets: Sheet[]): WorkbookValidation {
  const { data, places, issues } = readWorkbook(sheets)
  const result = validateSurvey(data)
  if (result.ok && issues.length === 0) return result
  const traced = result.ok
    ? []
    : result.issues.map((i) => ({ place: placeOf(i.path, places, sheets), code: i.code, params: i.params }))
  // A cell the reader could not read (a text where a number belongs) is left out of the data: the
  // validator's complaint that its value is missing would only repeat the reader's at that cell.
  const cell = (place: CellPlace) => (place.column === undefined ? '' : `${place.sheet}!${place.column}${place.row}`)
  const unread = new Set(issues.map((i) => cell(i.place)).filter((key) => key !== ''))
  // A shared option list is read into every question using it: report its cell once.
  const seen = new Set<string>()
  const once = [...issues, ...traced.filter((i) => !unread.has(cell(i.place)))].filter((i) => {
    const key = JSON.stringify(i)
    return !seen.has(key) && Boolean(seen.add(key))
  })
  return { ok: false, issues: once }
}

/** The survey data of a workbook (not yet validated), where each value came from, and reading problems. */
export function readWorkbook(sheets: Sheet[]): { data: Data; places: Places; issues: WorkbookIssue[] } {
  const places: Places = new Map()
  const issues: WorkbookIssue[] = []
  const byName = new Map(sheets.map((s) => [s.name.trim().toLowerCase(), s]))
  const sheet = (name: string): Sheet | undefined => {
    const found = byName.get(name)
    if (!found) issues.push({ place: { sheet: name, row: 1 }, code: 'xlsform-missing-sheet', params: { sheet: name } })
    return found
  }
  const data: Data = {}
  const settings = sheet(SHEET.settings)
  const scoring = sheet(SHEET.scoring)
  const surveySheet = sheet(SHEET.survey)
  const lists = readChoices(byName.get(SHEET.choices), places, issues)
  if (settings) readSettings(settings, data, places, issues)
  if (scoring)
    readSingleRow(scoring, ['surveyPoints', 'selfAssessmentPoints', 'dontKnow', 'missing'], data, places, issues)
  data.classification = readRows(sheet(SHEET.classification), 'classification', places, issues, (r, cells, row) => ({
    min: r.number(cells, row, 'min'),
    id: r.text(cells, 'id'),
    label: r.label(cells, 'label'),
  }))
  data.groups = readRows(sheet(SHEET.groups), 'groups', places, issues, (r, cells, row) => ({
    id: r.text(cells, 'id'),
    label: r.label(cells, 'label'),
    weight: r.number(cells, row, 'weight'),
    minCell: r.number(cells, row, 'mincell'),
    quota: r.number(cells, row, 'quota'),
    quotaPer: r.text(cells, 'quotaper'),
  }))
  data.units = readUnits(sheet(SHEET.units), byName.get(SHEET.locations), places, issues)
  data.criteria = readCriteria(sheet(SHEET.criteria), places, issues)
  data.questions = surveySheet ? readQuestions(surveySheet, lists, places, issues) : []
  return { data: withoutUndefined(data), places, issues }
}

function readSettings(sheet: Sheet, data: Data, places: Places, issues: WorkbookIssue[]): void {
  const r = new SheetReader(sheet)
  const first = r.rows()[0]
  const row = first?.row ?? 2
  const cells = first?.cells ?? []
  const set = (key: string, value: unknown, column: string) => {
    places.set(key, r.place(row, column))
    if (value !== undefined) data[key] = value
  }
  set('id', r.text(cells, 'form_id'), 'form_id')
  set('version', r.number(cells, row, 'version'), 'version')
  set('year', r.number(cells, row, 'year'), 'year')
  set('unitKind', r.text(cells, 'unit_kind'), 'unit_kind')
  set('title', r.label(cells, 'form_title'), 'form_title')
  set('description', r.label(cells, 'description'), 'description::vi')
  const opens = r.text(cells, 'round_opens')
  const closes = r.text(cells, 'round_closes')
  if (opens !== undefined || closes !== undefined) set('round', { opens, closes }, 'round_opens')
  places.set('round.closes', r.place(row, 'round_closes'))
  set('rateOwnUnit', r.flag(cells, row, 'rate_own_unit'), 'rate_own_unit')
  issues.push(...r.issues)
}

function readSingleRow(sheet: Sheet, keys: string[], data: Data, places: Places, issues: WorkbookIssue[]): void {
  const r = new SheetReader(sheet)
  const first = r.rows()[0]
  const row = first?.row ?? 2
  for (const key of keys) {
    const column = key.toLowerCase()
    places.set(key, r.place(row, column))
    const raw = first ? r.raw(first.cells, column) : null
    if (raw === null) continue
    data[key] =
      typeof raw === 'number' || /^[\d.,\s]+$/.test(String(raw))
        ? r.number(first!.cells, row, column)
        : String(raw).trim()
  }
  issues.push(...r.issues)
}

function readRows(
  sheet: Sheet | undefined,
  key: string,
  places: Places,
  issues: WorkbookIssue[],
  read: (r: SheetReader, cells: Sheet['rows'][number], row: number) => Data,
): Data[] {
  if (!sheet) return []
  const r = new SheetReader(sheet)
  const out = r.rows().map(({ row, cells }, i) => {
    places.set(`${key}[${i}]`, r.place(row))
    return read(r, cells, row)
  })
  issues.push(...r.issues)
  return out
}

function readUnits(
  units: Sheet | undefined,
  locations: Sheet | undefined,
  places: Places,
  issues: WorkbookIssue[],
): Data[] {
  const list = readRows(units, 'units', places, issues, (r, cells) => ({
    id: r.text(cells, 'id'),
    name: r.label(cells, 'name'),
    locations: [] as Data[],
  }))
  if (!locations) return list
  const r = new SheetReader(locations)
  for (const { row, cells } of r.rows()) {
    const unitId = r.text(cells, 'unit')
    const index = list.findIndex((u) => u.id === unitId)
    if (index < 0) {
      r.problem(row, 'unit', 'xlsform-unknown-unit', { unit: unitId ?? '' })
      continue
    }
    const own = list[index]!.locations as Data[]
    places.set(`units[${index}].locations[${own.length}]`, r.place(row))
    own.push({ id: r.text(cells, 'id'), name: r.label(cells, 'name') })
  }
  issues.push(...r.issues)
  return list
}

/** The criteria tree from rows naming their parent, in row order. */
function readCriteria(sheet: Sheet | undefined, places: Places, issues: WorkbookIssue[]): Data[] {
  if (!sheet) return []
  const r = new SheetReader(sheet)
  const roots: Data[] = []
  const nodes = new Map<string, { node: Data; row: number }>()
  const rows: { node: Data; row: number }[] = []
  for (const { row, cells } of r.rows()) {
    const node: Data = {
      id: r.text(cells, 'id'),
      label: r.label(cells, 'label'),
      maxPoints: r.number(cells, row, 'maxpoints'),
    }
    const parentId = r.text(cells, 'parent')
    const parent = parentId === undefined ? undefined : nodes.get(parentId)
    if (parentId !== undefined && !parent) r.problem(row, 'parent', 'xlsform-unknown-parent', { parent: parentId })
    if (parent) parent.node.children = [...((parent.node.children as Data[] | undefined) ?? []), node]
    else roots.push(node)
    if (typeof node.id === 'string') nodes.set(node.id, { node, row })
    rows.push({ node, row })
  }
  const rowOf = new Map(rows.map(({ node, row }) => [node, row]))
  const walk = (list: Data[], prefix: string) =>
    list.forEach((node, i) => {
      places.set(`${prefix}[${i}]`, r.place(rowOf.get(node)!))
      walk((node.children as Data[] | undefined) ?? [], `${prefix}[${i}].children`)
    })
  walk(roots, 'criteria')
  issues.push(...r.issues)
  return roots
}

/** Column of each survey key on the sheet its object came from, to name the cell of an issue. */
const COLUMN_OF: Record<string, string> = {
  value: 'name',
  label: 'label::vi',
  name: 'name::vi',
  score: 'score',
  other: 'other',
  maxPoints: 'maxpoints',
  weight: 'weight',
  minCell: 'mincell',
  quota: 'quota',
  quotaPer: 'quotaper',
  min: 'min',
  id: 'id',
}

/** The cell an issue path points at: the longest recorded prefix, with the column of the next key when known. */
export function placeOf(path: string, places: Places, sheets: Sheet[]): CellPlace {
  let prefix = path
  let next: string | undefined
  while (prefix !== '') {
    const found = places.get(prefix)
    if (found) {
      if (found.column !== undefined || next === undefined) return found
      const sheet = sheets.find((s) => s.name.trim().toLowerCase() === found.sheet)
      const header = COLUMN_OF[next.replace(/\[\d+\]$/, '')]
      return sheet && header ? new SheetReader(sheet).place(found.row, header) : found
    }
    const cut = Math.max(prefix.lastIndexOf('.'), prefix.lastIndexOf('['))
    next = prefix.slice(cut).replace(/^\./, '')
    prefix = cut <= 0 ? '' : prefix.slice(0, cut)
  }
  return { sheet: SHEET.settings, row: 2 }
}

/** Keys whose value is undefined are left out, so the validator reports them as missing. */
function withoutUndefined(value: unknown): Data {
  return JSON.parse(JSON.stringify(value)) as Data
}
