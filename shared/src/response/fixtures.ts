import type { Response } from './schema.ts'

/**
 * A valid response to `makeSurvey()` (survey/fixtures.ts): a citizen of `huyen-a`, commune
 * `xa-1`, collected in the field. Fresh object on every call; pass overrides for what a test needs.
 */
export function makeResponse(overrides: Partial<Response> = {}): Response {
  return {
    id: '6f1c2d3e-4b5a-4c6d-8e7f-901234567890',
    surveyId: 'test-2025-district',
    surveyVersion: 1,
    unitId: 'huyen-a',
    groupId: 'citizen',
    locationId: 'xa-1',
    channel: 'field',
    answers: { q1: 'good', q3: 'dont-know', q4: 'fair', age: null, comment: 'Cán bộ nhiệt tình.' },
    startedAt: '2025-10-01T08:00:00+07:00',
    submittedAt: '2025-10-01T08:12:30+07:00',
    deviceId: 'tablet-01',
    ...overrides,
  }
}
