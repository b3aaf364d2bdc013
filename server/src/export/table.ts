import { formatMessage, labelIn, type Label, type Locale } from '@parsurvey/shared'
import type { Cell } from './csv.ts'

/**
 * A column of an export: its stable id, and its header for people, from the catalogue
 * (`export-column-<id>`) unless `label` gives one (a question's text, a criterion's name).
 * `date` marks ISO date-time text, written as a real date in XLSX.
 */
export type ExportColumn = { id: string; label?: Label; date?: boolean }

/**
 * A table to export, produced lazily so that a large one is never held in memory: `batches` is
 * pulled one batch of rows at a time (a response's rows, or a small table at once), awaiting only
 * between batches, so the database reads may be asynchronous while the rows of a batch are
 * written synchronously. `close` releases what the rows read from (a database reader) and is
 * called once, after the last batch or when the download is abandoned.
 */
export type ExportTable = {
  columns: ExportColumn[]
  batches: AsyncIterator<Iterable<Cell[]>>
  close: () => Promise<void>
}

/**
 * How a download is written: `locale` for headers and the values spelt out for people (names,
 * statuses, classifications); `ids` writes the stable column ids and codes instead, the machine
 * form that scripts and the CLI read (docs/formats.md).
 */
export type ExportView = { locale: Locale; ids: boolean }

export const VIETNAMESE: ExportView = { locale: 'vi', ids: false }

/** A text people read, in the view's language (Vietnamese when there is no English). */
export function localised(label: Label, view: ExportView): string {
  return labelIn(label, view.locale)
}

/** A column's header for people. */
export function columnLabel(column: ExportColumn, locale: Locale): string {
  if (column.label) return localised(column.label, { locale, ids: false })
  return formatMessage(`export-column-${column.id}`, {}, locale)
}

/** A coded value (a status), or its words for people from the catalogue (`export-value-<code>`). */
export function codeCell(code: string, view: ExportView): string {
  return view.ids ? code : formatMessage(`export-value-${code}`, {}, view.locale)
}

/** A table over rows already in memory (small tables: scores, matrix), as one batch. */
export function tableOf(columns: ExportColumn[], rows: Iterable<Cell[]>, close: () => void = () => {}): ExportTable {
  let done = false
  return {
    columns,
    batches: {
      next: async () => {
        if (done) return { done: true, value: undefined }
        done = true
        return { done: false, value: rows }
      },
    },
    close: async () => close(),
  }
}
