import { labelIn, type CodeBatch, type Locale, type Survey } from '@parsurvey/shared'

/**
 * Display names of a batch's unit, group and location ('' when it has none) in `locale`; in
 * English the Vietnamese name where the survey has no English one.
 */
export function placeNames(
  survey: Survey,
  batch: Pick<CodeBatch, 'unitId' | 'groupId' | 'locationId'>,
  locale: Locale,
) {
  const unit = survey.units.find((u) => u.id === batch.unitId)
  const group = survey.groups.find((g) => g.id === batch.groupId)
  const location = unit?.locations.find((l) => l.id === batch.locationId)
  return {
    unit: unit ? labelIn(unit.name, locale) : batch.unitId,
    group: group ? labelIn(group.label, locale) : batch.groupId,
    location: location ? labelIn(location.name, locale) : (batch.locationId ?? ''),
  }
}

/** The address printed on a slip: the PWA's respondent page for this code (`/r/XXXX-XXXX-XXXX-XXXX`). */
export function codeLink(origin: string, formattedCode: string): string {
  return `${origin}/r/${formattedCode}`
}
