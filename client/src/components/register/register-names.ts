import type { Survey } from '@parsurvey/shared'
import { localized } from '../../i18n/index.ts'

/** A group's name in the reader's language, or its id when the survey does not know it. */
export function groupName(survey: Survey | null, id: string): string {
  const group = survey?.groups.find((g) => g.id === id)
  return group ? localized(group.label) : id
}

/** Unit names joined for a table cell; "all n units" when the list is the whole survey. */
export function unitNames(survey: Survey | null, ids: string[]): string {
  if (ids.length === 0) return '—'
  const names = ids.map((id) => {
    const unit = survey?.units.find((u) => u.id === id)
    return unit ? localized(unit.name) : id
  })
  return names.length > 4 ? `${names.slice(0, 3).join('; ')} … (${names.length})` : names.join('; ')
}
