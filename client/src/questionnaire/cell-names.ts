import type { Survey } from '@parsurvey/shared'
import { localized } from '../i18n/index.ts'

/** Where a draft, a response or a quota row belongs: unit × group (× location). */
export type Cell = { unitId: string; groupId: string; locationId: string | null }

/** The names a surveyor reads for a cell, in the UI language; ids when the survey is not on the device. */
export function cellNames(survey: Survey | undefined, cell: Cell): { place: string; group: string } {
  const unit = survey?.units.find((u) => u.id === cell.unitId)
  const location = unit?.locations.find((l) => l.id === cell.locationId)
  const group = survey?.groups.find((g) => g.id === cell.groupId)
  return {
    place: unit
      ? [localized(unit.name), location && localized(location.name)].filter(Boolean).join(' · ')
      : cell.unitId,
    group: group ? localized(group.label) : cell.groupId,
  }
}
