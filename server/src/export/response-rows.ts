import { parseStoredResponse, type Label, type Response, type Survey } from '@parsurvey/shared'
import type { ExportedResponseRow } from '../db/export-reader.ts'
import type { ResponseExport } from '../storage/response-export-store.ts'
import type { Cell } from './csv.ts'
import { codeCell, localised, type ExportColumn, type ExportTable, type ExportView } from './table.ts'

/**
 * The columns that say which response a row belongs to and whether it counts; both response
 * exports start with them. Names stand beside ids; `status` is valid, voided (with the
 * supervisor's reason) or conflict (a different resend waits for review).
 */
export const RESPONSE_COLUMNS: ExportColumn[] = [
  'responseId',
  'surveyId',
  'surveyVersion',
  'status',
  'statusReason',
  'unitId',
  'unitName',
  'groupId',
  'groupName',
  'locationId',
  'locationName',
  'channel',
].map((id) => ({ id }))

/**
 * A streamed table over every stored response of the versions of a data set (`versions`, each
 * response read with its own version's definition; names come from `survey`, the chosen version)
 * that `unitFilter` lets through, voided ones included with their status: `rowsOf` turns each
 * parsed response (with its identity cells, in RESPONSE_COLUMNS order, and its version's
 * definition) into rows, one batch per response. Closing the table closes the reader.
 */
export function responseTable(
  survey: Survey,
  versions: Survey[],
  reader: ResponseExport,
  unitFilter: (unitId: string) => boolean,
  view: ExportView,
  columns: ExportColumn[],
  rowsOf: (response: Response, stored: ExportedResponseRow, identity: Cell[], version: Survey) => Iterable<Cell[]>,
): ExportTable {
  const names = (entries: { id: string; label: Label }[]) =>
    new Map(entries.map((e) => [e.id, localised(e.label, view)]))
  const units = names(survey.units.map((u) => ({ id: u.id, label: u.name })))
  const groups = names(survey.groups)
  const locations = names(survey.units.flatMap((u) => u.locations.map((l) => ({ id: l.id, label: l.name }))))
  async function* batches(): AsyncGenerator<Iterable<Cell[]>> {
    for (const version of versions) {
      for await (const stored of reader.responses(version.id, version.version)) {
        const r = parseStoredResponse(version, JSON.parse(stored.body))
        if (!unitFilter(r.unitId)) continue
        const location = r.locationId ?? null
        const identity: Cell[] = [
          stored.id,
          version.id,
          version.version,
          codeCell(stored.status, view),
          stored.statusReason,
          r.unitId,
          units.get(r.unitId) ?? null,
          r.groupId,
          groups.get(r.groupId) ?? null,
          location,
          location === null ? null : (locations.get(location) ?? null),
          r.channel,
        ]
        yield rowsOf(r, stored, identity, version)
      }
    }
  }
  return { columns, batches: batches(), close: () => reader.close() }
}
