import type { Survey } from '@parsurvey/shared'
import { localized } from '../../i18n/index.ts'

/** The unit's name in the UI language (its id if the survey no longer lists it). */
export function unitName(survey: Survey, unitId: string): string {
  const unit = survey.units.find((u) => u.id === unitId)
  return unit ? localized(unit.name) : unitId
}
