import type { RegisterColumn } from '../register/columns.ts'
import type { Notice } from './self-assessment.ts'
import type { UploadPreviewHead } from './upload-preview.ts'
import type { ApiErrorBody } from '../sync/protocol.ts'

/**
 * Wire shapes of the respondent register (danh sách người được khảo sát): the preview and the
 * apply of an import (`POST /api/respondents/:surveyId/preview|apply`, the CLI) and the list.
 */

/** A problem on one cell of a register row; `field` is the register column (or `row`). */
export type RegisterIssue = Notice & { field: RegisterColumn | 'row' }

/** What applying a row does: add a person, change one already on the register, or nothing. */
export type RegisterRowAction = 'new' | 'update' | 'unchanged'

/** What the register holds about a person, as a file row gives it. */
export type RegisterPersonFields = {
  name: string
  position: string
  organisation: string
  groupId: string
  /** Normalised (lower case); null when blank. */
  email: string | null
  /** Normalised (digits, leading 0); null when blank. */
  phone: string | null
  /** The unit the person works in (never rated unless the survey allows it); null when none. */
  ownUnitId: string | null
  /** The units the person rates, ids of the survey, in the survey's order. */
  units: string[]
}

/** How the office's lists and messages name and reach a person on the register. */
export type RegisterContact = { id: number } & Pick<
  RegisterPersonFields,
  'name' | 'position' | 'organisation' | 'groupId' | 'email' | 'phone'
>

/** One row as read and checked: the values as they will be stored, and every problem on it. */
export type RegisterRow = RegisterPersonFields & {
  line: number
  /** The register entry this row updates (matched by e-mail or phone); null for a new person. */
  respondentId: number | null
  action: RegisterRowAction | null
  errors: RegisterIssue[]
  warnings: RegisterIssue[]
}

export type RegisterPreview = UploadPreviewHead & {
  rows: RegisterRow[]
  counts: Record<RegisterRowAction, number>
  /** People on the register that the file does not list: they stay (with their code and answers). */
  notInFile: number
}

/** The answer to an apply: what was done. */
export type RegisterApplied = {
  surveyId: string
  added: number
  updated: number
  unchanged: number
  total: number
}

/** A person on the register as the admin sees it (never shown to analysts). */
export type RegisterEntry = RegisterPersonFields & {
  id: number
  /** Units whose response has been sent. */
  done: number
  /**
   * The Vietnamese calendar day the personal link was first opened (YYYY-MM-DD), never a time: a time
   * beside the responses' own times would tell which answers a person gave (server/src/register/README.md).
   */
  openedOn: string | null
}

/** `GET /api/respondents/<surveyId>`: the register of the survey's newest version. */
export type RegisterList = { surveyId: string; surveyVersion: number; respondents: RegisterEntry[] }

/** `POST /api/respondents/<surveyId>/apply` refused (422): the error, with the preview that says why. */
export type RegisterRefusal = ApiErrorBody & { preview: RegisterPreview }
