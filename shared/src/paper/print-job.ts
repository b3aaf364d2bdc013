import { DomainError } from '../errors/domain-error.ts'
import type { Locale } from '../errors/messages/index.ts'
import type { Survey } from '../survey/schema.ts'
import { paperForm, type PaperForm } from './form.ts'

/** Most copies one print job makes (a PDF of this many forms stays a few MB). */
export const PAPER_PRINT_LIMIT = 1000

/** The highest first number a print job takes (serials stay at most 8 digits). */
const SERIAL_MAX = 99_999_999

/** What to print: a group (else every group of the survey), a unit, numbered copies. */
export type PaperRequest = {
  groupId: string | null
  unitId: string | null
  /** First serial; with `count`, copies numbered from it. Neither: one blank copy per group, no number. */
  from: number | null
  count: number | null
  locale: Locale
}

/** One sheet to print: the group's form, and its serial (null on a blank copy, written by hand). */
export type PaperCopy = { form: PaperForm; serial: string | null }

/**
 * The copies of a print job. Serials run on across groups (10 copies of two groups from 1 are
 * 000001–000010 for the first and 000011–000020 for the second), so a serial names one paper form
 * of the survey, which the double-entry check relies on. Digits only, at least 6 with leading zeros.
 */
export function paperCopies(survey: Survey, request: PaperRequest): PaperCopy[] {
  const groups = request.groupId === null ? survey.groups.map((g) => g.id) : [request.groupId]
  const forms = groups.map((g) => paperForm(survey, g, request.unitId, request.locale))
  if (request.from === null && request.count === null) return forms.map((form) => ({ form, serial: null }))
  const from = request.from ?? 1
  const count = request.count ?? 1
  const total = count * forms.length
  const field = request.from === null ? 'count' : 'from'
  if (
    !Number.isInteger(from) ||
    !Number.isInteger(count) ||
    from < 1 ||
    count < 1 ||
    total > PAPER_PRINT_LIMIT ||
    from + total - 1 > SERIAL_MAX
  )
    throw new DomainError('paper-serials-invalid', { field, params: { max: PAPER_PRINT_LIMIT } })
  const width = Math.max(6, String(from + total - 1).length)
  return forms.flatMap((form, g) =>
    Array.from({ length: count }, (_, i) => ({
      form,
      serial: String(from + g * count + i).padStart(width, '0'),
    })),
  )
}
