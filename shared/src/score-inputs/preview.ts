import type { Notice } from '../api/self-assessment.ts'
import { previewHead, settlePreview, type UploadPreviewHead } from '../api/upload-preview.ts'
import type { Locale } from '../errors/messages/index.ts'
import type { Survey } from '../survey/schema.ts'
import { localNumber, noticeIn, type InputTable, type InputTableProblem } from './table.ts'

/** What a score-input check writes with: notices and numbers in the reader's language. */
export type PreviewWords = {
  notice: (code: string, params?: Record<string, string | number>) => Notice
  num: (value: number) => string
}

/** A preview whose rows each show at most one error. */
type RowPreview = UploadPreviewHead & { rows: { error?: unknown }[] }

/**
 * The frame both score-input previews (self-assessment, adjustments) share: the head of `survey`'s
 * preview with the kind's own empty parts (`parts`); a file that could not be read is its one
 * error; else `checkRows` fills the rows and returns the file's errors. Not `ok` when the file or a
 * row has an error, and then `forget` empties what would have been stored.
 */
export function scoreInputPreview<P extends RowPreview>(
  survey: Survey,
  table: InputTable | InputTableProblem,
  locale: Locale,
  parts: Omit<P, keyof UploadPreviewHead>,
  checkRows: (survey: Survey, table: InputTable, preview: P, words: PreviewWords) => Notice[],
  forget: (preview: P) => void,
): P {
  const words: PreviewWords = { notice: noticeIn(locale), num: (value) => localNumber(value, locale) }
  const preview = { ...previewHead(survey, table), ...parts } as P
  const errors = 'code' in table ? [words.notice(table.code, table.params)] : checkRows(survey, table, preview, words)
  settlePreview(preview, errors, preview.rows.filter((r) => r.error).length)
  if (!preview.ok) forget(preview)
  return preview
}
