import type { Survey } from '@parsurvey/shared'
import type { SurveySummary } from '../api/endpoints.ts'
import type { Draft, OutboxEntry } from '../storage/storage.ts'

/** One row of the surveyor's home: a unit × group (× location) and what this device holds for it. */
export type FieldProgressRow = {
  unitId: string
  groupId: string
  locationId: string | null
  quota: number
  /** Confirmed by the server (stored or duplicate). */
  sent: number
  /** Finished, waiting to be sent. */
  waiting: number
  /** Refused by the server (conflict or rejected), kept for a person to look at. */
  refused: number
  drafts: number
}

/** The newest published version of each survey: new questionnaires start only on that one. */
export function newestVersions(list: readonly SurveySummary[]): SurveySummary[] {
  const newest = new Map<string, SurveySummary>()
  for (const s of list) if ((newest.get(s.id)?.version ?? 0) < s.version) newest.set(s.id, s)
  return [...newest.values()]
}

/**
 * The cells of a survey the user may collect for (quota per unit, or per location for groups
 * counted per location), with this device's drafts and outbox of any version of that survey.
 */
export function fieldProgress(
  survey: Survey,
  mayCollect: (unitId: string) => boolean,
  drafts: readonly Draft[],
  outbox: readonly OutboxEntry[],
): FieldProgressRow[] {
  const rows: FieldProgressRow[] = []
  const index = new Map<string, FieldProgressRow>()
  for (const unit of survey.units.filter((u) => mayCollect(u.id))) {
    for (const group of survey.groups) {
      const perLocation = group.quotaPer === 'location' && unit.locations.length > 0
      for (const location of perLocation ? unit.locations.map((l) => l.id) : [null]) {
        const row = {
          unitId: unit.id,
          groupId: group.id,
          locationId: location,
          quota: group.quota,
          sent: 0,
          waiting: 0,
          refused: 0,
          drafts: 0,
        }
        rows.push(row)
        index.set(`${unit.id}|${group.id}|${location ?? ''}`, row)
      }
    }
  }
  const find = (r: { unitId: string; groupId: string; locationId: string | null }) =>
    index.get(`${r.unitId}|${r.groupId}|${r.locationId ?? ''}`) ?? index.get(`${r.unitId}|${r.groupId}|`)
  for (const d of drafts) {
    const row = d.surveyId === survey.id ? find(d) : undefined
    if (row) row.drafts += 1
  }
  for (const e of outbox) {
    const row = e.response.surveyId === survey.id ? find(e.response) : undefined
    if (!row) continue
    if (e.state === 'sent') row.sent += 1
    else if (e.state === 'pending') row.waiting += 1
    else row.refused += 1
  }
  return rows
}

/** How many cells hold a finished questionnaire (sent or waiting): a draft alone is not one yet. */
export function cellsWithResponses(rows: readonly FieldProgressRow[]): number {
  return rows.filter((r) => r.sent + r.waiting > 0).length
}
