import {
  formatMessage,
  formatWorkbookIssue,
  validateWorkbook,
  type Locale,
  type Survey,
  type SurveyIssueReply,
  type WorkbookIssue,
} from '@parsurvey/shared'
import { readSurveyWorkbook } from './workbook-file.ts'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Whether an upload's Content-Type is an Excel workbook. */
export function isWorkbookType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === XLSX_TYPE
}

/** The survey of an uploaded workbook, or its problems (a file that cannot be read is one problem). */
export async function readUploadedWorkbook(
  bytes: Uint8Array,
): Promise<{ ok: true; survey: Survey } | { ok: false; issues: WorkbookIssue[] }> {
  const sheets = await readSurveyWorkbook(bytes)
  if (!Array.isArray(sheets)) return { ok: false, issues: [{ place: { sheet: '', row: 0 }, ...sheets }] }
  return validateWorkbook(sheets)
}

export function workbookIssueReply(issue: WorkbookIssue, locale: Locale): SurveyIssueReply {
  if (issue.place.row === 0)
    return { path: '', code: issue.code, message: formatMessage(issue.code, issue.params, locale) }
  return { path: '', code: issue.code, message: formatWorkbookIssue(issue, locale), place: issue.place }
}
