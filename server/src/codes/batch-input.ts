import {
  DomainError,
  endOfDayInVietnam,
  formatDate,
  formatDateTime,
  roundClosed,
  type CodeBatchTerms,
  type Survey,
} from '@parsurvey/shared'
import type { Services } from '../services.ts'
import { roundInForce } from '../survey/round.ts'
import { batchExpiry } from './expiry.ts'
import { shownValue } from '../http/shown-value.ts'

/** Most codes in one batch: a few printed pages per commune; more means a second batch. */
export const MAX_BATCH_CODES = 2000
export const MAX_NOTE_LENGTH = 500

/** A checked request: the published survey and the terms of the batch to issue. */
export type BatchInput = CodeBatchTerms & { survey: Survey }

const requiredString = (body: Record<string, unknown>, field: string): string => {
  const value = body[field]
  if (typeof value !== 'string' || value.trim() === '') throw new DomainError('required-field', { field })
  return value.trim()
}

/**
 * Reads `POST /api/codes/batches` against the published survey: unit, group and location must be
 * the survey's, so every code leads to a response that validates. Errors name the field.
 */
export async function readBatchInput(
  services: Services,
  body: Record<string, unknown>,
  now: Date,
): Promise<BatchInput> {
  const surveyId = requiredString(body, 'surveyId')
  const version = body.version
  if (version === undefined || version === null) throw new DomainError('required-field', { field: 'version' })
  const found =
    typeof version === 'number' && Number.isInteger(version) ? await services.surveys.get(surveyId, version) : undefined
  if (!found)
    throw new DomainError('survey-not-found', {
      status: 404,
      field: 'version',
      params: { id: surveyId, version: shownValue(version) },
    })
  const survey = found.survey

  const unitId = requiredString(body, 'unitId')
  const unit = survey.units.find((u) => u.id === unitId)
  if (!unit) throw new DomainError('code-unknown-unit', { field: 'unitId', params: { unitId, surveyId } })
  const groupId = requiredString(body, 'groupId')
  const group = survey.groups.find((g) => g.id === groupId)
  if (!group) throw new DomainError('code-unknown-group', { field: 'groupId', params: { groupId, surveyId } })
  const rawLocation = body.locationId
  const locationId = typeof rawLocation === 'string' && rawLocation.trim() !== '' ? rawLocation.trim() : null
  if (rawLocation !== undefined && rawLocation !== null && typeof rawLocation !== 'string') {
    throw new DomainError('code-unknown-location', {
      field: 'locationId',
      params: { locationId: shownValue(rawLocation), unitId },
    })
  }
  if (locationId !== null && !unit.locations.some((l) => l.id === locationId)) {
    throw new DomainError('code-unknown-location', { field: 'locationId', params: { locationId, unitId } })
  }
  // Same rule as response validation: a per-location group's responses must name their place.
  if (locationId === null && group.quotaPer === 'location') {
    throw new DomainError('code-location-required', { field: 'locationId', params: { groupId } })
  }

  const count = body.count
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_BATCH_CODES) {
    throw new DomainError('code-count-out-of-range', { field: 'count', params: { max: MAX_BATCH_CODES } })
  }
  const note = body.note === undefined || body.note === null ? null : body.note
  if (note !== null && typeof note !== 'string')
    throw new DomainError('invalid-field', { field: 'note', params: { reason: 'text' } })
  if (note !== null && note.length > MAX_NOTE_LENGTH)
    throw new DomainError('code-note-too-long', { field: 'note', params: { max: MAX_NOTE_LENGTH } })

  const round = await roundInForce(services, survey)
  if (round && roundClosed(round, now)) {
    throw new DomainError('code-round-closed', {
      field: 'surveyId',
      params: { surveyId, closes: formatDate(round.closes) },
    })
  }
  const explicit = readExpiry(body.expiresAt)
  if (explicit !== null && Date.parse(explicit) <= now.getTime()) {
    throw new DomainError('code-expiry-past', { field: 'expiresAt', params: { expiresAt: formatDateTime(explicit) } })
  }
  return {
    survey,
    unitId,
    groupId,
    locationId,
    count,
    note: note?.trim() || null,
    expiresAt: batchExpiry(round, explicit),
  }
}

/** A date means the end of that day in Vietnam; a time must carry its offset. */
function readExpiry(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)))
      return new Date(endOfDayInVietnam(value)).toISOString()
    if (
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
      !Number.isNaN(Date.parse(value))
    ) {
      return new Date(value).toISOString()
    }
  }
  throw new DomainError('code-invalid-expiry', { field: 'expiresAt' })
}
