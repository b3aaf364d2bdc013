import type { Notice } from '../api/self-assessment.ts'
import type {
  RegisterIssue,
  RegisterPersonFields,
  RegisterPreview,
  RegisterRow,
  RegisterRowAction,
} from '../api/register.ts'
import { previewHead, settlePreview } from '../api/upload-preview.ts'
import { formatMessage, type Locale } from '../errors/messages/index.ts'
import type { Survey } from '../survey/schema.ts'
import { headerKey, registerColumnOf, REQUIRED_REGISTER_COLUMNS, type RegisterColumn } from './columns.ts'
import { normaliseEmail, normalisePhone } from './contact.ts'
import { unitResolver } from './units.ts'

/** A cell as read from the file (uploads/table.ts on the server): text, a number, or a formula without result. */
export type RegisterCell = string | number | { formula: string }
export type RegisterTable = {
  format: 'csv' | 'xlsx'
  header: string[]
  rows: { line: number; cells: RegisterCell[] }[]
}

/** A person already on the register, as the check needs them to match and compare rows. */
export type RegisteredPerson = RegisterPersonFields & {
  id: number
  /** Units whose response was sent: they stay on the person's list whatever the file says. */
  submittedUnits: string[]
}

export const MAX_NAME_LENGTH = 200
export const MAX_TEXT_LENGTH = 300

const ALL_UNITS = new Set(['all', 'tatca', 'toanbo', '*'])

/**
 * Checks a register file against the survey and the people already registered: every row's
 * problems at once, in the reader's language, before anything is applied. A row needs a name, a
 * group of the survey, units, and an e-mail or a phone; it updates the person with the same
 * e-mail or phone. Nobody rates their own unit unless the survey's `rateOwnUnit` says so.
 */
export function checkRegister(
  survey: Survey,
  table: RegisterTable | { code: string; params: Record<string, string | number> },
  existing: RegisteredPerson[],
  locale: Locale,
): RegisterPreview {
  const notice = (code: string, params: Record<string, string | number> = {}): Notice => ({
    code,
    message: formatMessage(code, params, locale),
  })
  const preview: RegisterPreview = {
    ...previewHead(survey, table),
    rows: [],
    counts: { new: 0, update: 0, unchanged: 0 },
    notInFile: 0,
  }
  if ('code' in table) return finish(preview, [notice(table.code, table.params)])

  const columns = new Map<RegisterColumn, number>()
  table.header.forEach((name, i) => {
    const column = registerColumnOf(name)
    if (column && !columns.has(column)) columns.set(column, i)
    else if (name.trim() !== '') preview.warnings.push(notice('register-extra-column', { column: name }))
  })
  const missing = REQUIRED_REGISTER_COLUMNS.filter((c) => !columns.has(c))
  if (!columns.has('email') && !columns.has('phone')) missing.push('email')
  if (missing.length > 0)
    return finish(
      preview,
      missing.map((column) => notice('register-missing-column', { column })),
    )
  if (table.rows.length === 0) return finish(preview, [notice('register-empty')])

  const byEmail = new Map(existing.filter((p) => p.email).map((p) => [p.email!, p]))
  const byPhone = new Map(existing.filter((p) => p.phone).map((p) => [p.phone!, p]))
  const firstEmail = new Map<string, number>()
  const firstPhone = new Map<string, number>()
  const matched = new Set<number>()
  const units = unitResolver(survey)

  for (const { line, cells } of table.rows) {
    const errors: RegisterIssue[] = []
    const warnings: RegisterIssue[] = []
    const error = (field: RegisterIssue['field'], code: string, params: Record<string, string | number> = {}) =>
      errors.push({ ...notice(code, params), field })
    const text = (column: RegisterColumn): string => {
      const i = columns.get(column)
      const cell = i === undefined ? undefined : cells[i]
      if (typeof cell === 'object') {
        error(column, 'register-formula-without-result', { formula: cell.formula })
        return ''
      }
      return cell === undefined ? '' : String(cell).normalize('NFC').replace(/\s+/g, ' ').trim()
    }
    if (table.format === 'csv' && cells.length > table.header.length) error('row', 'register-extra-cells')

    const row: RegisterRow = {
      line,
      name: text('name'),
      position: text('position'),
      organisation: text('organisation'),
      groupId: '',
      email: null,
      phone: null,
      ownUnitId: null,
      units: [],
      respondentId: null,
      action: null,
      errors,
      warnings,
    }
    if (row.name === '') error('name', 'register-name-missing')
    else if (row.name.length > MAX_NAME_LENGTH) error('name', 'register-too-long', { max: MAX_NAME_LENGTH })
    for (const column of ['position', 'organisation'] as const)
      if (row[column].length > MAX_TEXT_LENGTH) error(column, 'register-too-long', { max: MAX_TEXT_LENGTH })

    const groupText = text('group')
    const group = survey.groups.find(
      (g) =>
        g.id === groupText ||
        headerKey(g.id) === headerKey(groupText) ||
        headerKey(g.label.vi) === headerKey(groupText),
    )
    if (groupText === '') error('group', 'register-group-missing')
    else if (!group) error('group', 'register-group-unknown', { group: groupText })
    else if (group.quotaPer === 'location') error('group', 'register-group-per-location', { group: group.id })
    else if (!survey.questions.some((q) => q.groups.includes(group.id)))
      error('group', 'register-group-no-questions', { group: group.id })
    else row.groupId = group.id

    const emailText = text('email')
    const phoneText = text('phone')
    if (emailText !== '') {
      row.email = normaliseEmail(emailText) ?? null
      if (row.email === null) error('email', 'register-email-invalid', { value: emailText.slice(0, 80) })
    }
    if (phoneText !== '') {
      row.phone = normalisePhone(phoneText) ?? null
      if (row.phone === null) error('phone', 'register-phone-invalid', { value: phoneText.slice(0, 40) })
    }
    if (emailText === '' && phoneText === '') error('email', 'register-contact-missing')
    const repeated = (field: 'email' | 'phone', value: string | null, seen: Map<string, number>) => {
      if (value === null) return
      const first = seen.get(value)
      if (first !== undefined) error(field, `register-${field}-repeated`, { value, firstLine: first })
      else seen.set(value, line)
    }
    repeated('email', row.email, firstEmail)
    repeated('phone', row.phone, firstPhone)

    const ownText = text('ownUnit')
    if (ownText !== '') {
      row.ownUnitId = units.resolve(ownText) ?? null
      if (row.ownUnitId === null) error('ownUnit', 'register-unit-unknown', { unit: ownText })
    } else if (row.organisation !== '') row.ownUnitId = units.resolve(row.organisation) ?? null
    readUnits(survey, units, text('units'), row, error)
    if (ownText === '' && row.ownUnitId === null && !survey.rateOwnUnit) {
      // An organisation written a little differently from its unit ("Sở Y tế tỉnh Sơn Hà"): said, not guessed.
      const near = units.nameWithin(row.organisation)
      const unit = survey.units.find((u) => u.id === near && row.units.includes(u.id))
      if (unit) {
        const params = { organisation: row.organisation.slice(0, 80), unit: unit.name.vi, id: unit.id }
        warnings.push({ ...notice('register-own-unit-unsure', params), field: 'organisation' })
      }
    }

    const person = matchPerson(row, byEmail, byPhone, error)
    if (person) {
      row.respondentId = person.id
      if (matched.has(person.id)) error('row', 'register-person-repeated', { name: person.name })
      matched.add(person.id)
      if (person.submittedUnits.length > 0 && row.groupId !== '' && row.groupId !== person.groupId)
        error('group', 'register-group-locked', { group: person.groupId })
      const kept = person.submittedUnits.filter((u) => !row.units.includes(u))
      if (kept.length > 0 && row.units.length > 0) {
        warnings.push({ ...notice('register-submitted-unit-kept', { units: kept.join(', ') }), field: 'units' })
        row.units = units.ordered([...row.units, ...kept])
      }
    }
    if (errors.length === 0) {
      row.action = actionOf(row, person)
      preview.counts[row.action]++
    }
    preview.rows.push(row)
  }
  preview.notInFile = existing.filter((p) => !matched.has(p.id)).length
  return finish(preview, [])
}

/** Fills `row.units` from the cell: unit ids or names separated by ";" (or new lines), or "all". */
function readUnits(
  survey: Survey,
  units: ReturnType<typeof unitResolver>,
  cell: string,
  row: RegisterRow,
  error: (field: RegisterIssue['field'], code: string, params?: Record<string, string | number>) => void,
): void {
  if (cell === '') return error('units', 'register-units-missing')
  const own = survey.rateOwnUnit ? null : row.ownUnitId
  if (ALL_UNITS.has(headerKey(cell)) || cell.trim() === '*') {
    row.units = survey.units.map((u) => u.id).filter((id) => id !== own)
    if (row.units.length === 0) error('units', 'register-no-units-left')
    return
  }
  const found: string[] = []
  for (const token of units.split(cell)) {
    const id = units.resolve(token)
    if (id === undefined) error('units', 'register-unit-unknown', { unit: token.slice(0, 80) })
    else if (id === own) error('units', 'register-own-unit-rated', { unit: id })
    else found.push(id)
  }
  row.units = units.ordered(found)
}

function matchPerson(
  row: RegisterRow,
  byEmail: Map<string, RegisteredPerson>,
  byPhone: Map<string, RegisteredPerson>,
  error: (field: RegisterIssue['field'], code: string, params?: Record<string, string | number>) => void,
): RegisteredPerson | undefined {
  const viaEmail = row.email === null ? undefined : byEmail.get(row.email)
  const viaPhone = row.phone === null ? undefined : byPhone.get(row.phone)
  if (viaEmail && viaPhone && viaEmail.id !== viaPhone.id) {
    error('row', 'register-matches-two', {
      email: row.email!,
      phone: row.phone!,
      emailName: viaEmail.name,
      phoneName: viaPhone.name,
    })
    return undefined
  }
  return viaEmail ?? viaPhone
}

function actionOf(row: RegisterRow, person: RegisteredPerson | undefined): RegisterRowAction {
  if (!person) return 'new'
  const same =
    person.name === row.name &&
    person.position === row.position &&
    person.organisation === row.organisation &&
    person.groupId === row.groupId &&
    person.email === row.email &&
    person.phone === row.phone &&
    person.ownUnitId === row.ownUnitId &&
    [...person.units].sort().join(';') === [...row.units].sort().join(';')
  return same ? 'unchanged' : 'update'
}

function finish(preview: RegisterPreview, errors: Notice[]): RegisterPreview {
  return settlePreview(
    preview,
    errors,
    preview.rows.reduce((n, r) => n + r.errors.length, 0),
  )
}
