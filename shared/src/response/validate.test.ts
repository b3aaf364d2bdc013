import { describe, expect, it } from 'vitest'
import { formatMessage } from '../errors/messages/index.ts'
import { makeSurvey } from '../survey/fixtures.ts'
import { makeResponse } from './fixtures.ts'
import { validateResponse, type ResponseIssue } from './validate.ts'

const survey = makeSurvey()

function issuesOf(input: unknown): ResponseIssue[] {
  const result = validateResponse(survey, input)
  return result.ok ? [] : result.issues
}

function mainIssue(input: unknown): Pick<ResponseIssue, 'code' | 'field'> | undefined {
  const [first] = issuesOf(input)
  return first && { code: first.code, field: first.field }
}

describe('validateResponse', () => {
  it('accepts a valid response and returns its answers', () => {
    const result = validateResponse(survey, makeResponse())
    expect(result).toMatchObject({ ok: true, response: { answers: { q1: 'good', q4: 'fair', age: null } } })
  })

  it('returns answers without a prototype, so inherited names read as unanswered', () => {
    const result = validateResponse(survey, makeResponse())
    if (!result.ok) throw new Error('fixture response should be valid')
    expect(Object.getPrototypeOf(result.response.answers)).toBeNull()
    expect((result.response.answers as Record<string, unknown>).toString).toBeUndefined()
  })

  it('names a missing field as required', () => {
    const { deviceId: _, ...input } = makeResponse()
    expect(mainIssue(input)).toEqual({ code: 'response-required-field', field: 'deviceId' })
  })

  it('names a malformed field as invalid', () => {
    expect(mainIssue(makeResponse({ id: 'not-a-uuid' }))).toEqual({ code: 'response-invalid-field', field: 'id' })
    expect(mainIssue({ ...makeResponse(), channel: 'fax' })).toEqual({
      code: 'response-invalid-field',
      field: 'channel',
    })
    expect(mainIssue({ ...makeResponse(), answers: { q1: true } })).toEqual({
      code: 'response-invalid-field',
      field: 'answers.q1',
    })
  })

  it('refuses something that is not an object', () => {
    expect(mainIssue('hello')).toEqual({ code: 'response-not-object', field: '' })
  })

  it('refuses __proto__ and constructor keys in answers without touching any prototype', () => {
    const input: unknown = JSON.parse(
      `{"answers":{"__proto__":{"polluted":"yes"},"constructor":"good"},"id":"${makeResponse().id}"}`,
    )
    expect(issuesOf(input).map((i) => [i.code, i.field])).toEqual([
      ['response-reserved-answer-key', 'answers.__proto__'],
      ['response-reserved-answer-key', 'answers.constructor'],
    ])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('refuses a response to another survey or another version first', () => {
    expect(mainIssue(makeResponse({ surveyId: 'other', unitId: 'nowhere' }))).toEqual({
      code: 'response-survey-mismatch',
      field: 'surveyId',
    })
    const [issue] = issuesOf(makeResponse({ surveyVersion: 2 }))
    expect(issue).toMatchObject({
      code: 'response-survey-mismatch',
      field: 'surveyVersion',
      params: { expected: 1, received: 2 },
    })
  })

  it('refuses an unknown unit and an unknown group', () => {
    expect(
      issuesOf(makeResponse({ unitId: 'huyen-z', groupId: 'alien', answers: {} })).map((i) => [i.code, i.field]),
    ).toEqual([
      ['response-unknown-unit', 'unitId'],
      ['response-unknown-group', 'groupId'],
    ])
  })

  it('refuses a location outside the unit', () => {
    expect(mainIssue(makeResponse({ unitId: 'huyen-b', locationId: 'xa-1' }))).toEqual({
      code: 'response-unknown-location',
      field: 'locationId',
    })
  })

  it('lets a unit-quota group answer without a location', () => {
    expect(issuesOf(makeResponse({ unitId: 'huyen-b', locationId: null }))).toEqual([])
  })

  it('requires a location when the group has a quota per location', () => {
    const perLocation = makeSurvey()
    const citizen = perLocation.groups[1]
    if (citizen) citizen.quotaPer = 'location'
    const result = validateResponse(perLocation, makeResponse({ locationId: null }))
    expect(result.ok ? [] : result.issues.map((i) => [i.code, i.field])).toEqual([
      ['response-location-required', 'locationId'],
    ])
  })

  it('refuses an answer to a question the survey does not have', () => {
    expect(mainIssue(makeResponse({ answers: { q1: 'good', q99: 'good' } }))).toEqual({
      code: 'response-unknown-question',
      field: 'answers.q99',
    })
  })

  it('refuses an answer to a question not asked of the group', () => {
    expect(mainIssue(makeResponse({ answers: { q2: 'good' } }))).toEqual({
      code: 'response-question-not-for-group',
      field: 'answers.q2',
    })
  })

  it('refuses a choice answer that is not one of the options', () => {
    const [issue] = issuesOf(makeResponse({ answers: { q1: 'excellent' } }))
    expect(issue).toMatchObject({
      code: 'response-unknown-option',
      field: 'answers.q1',
      params: { value: 'excellent', questionId: 'q1' },
    })
  })

  it('refuses a text answer over the length limit', () => {
    expect(mainIssue(makeResponse({ answers: { comment: 'x'.repeat(4001) } }))).toEqual({
      code: 'response-invalid-field',
      field: 'answers.comment',
    })
  })

  it('refuses more answers than the limit with one issue', () => {
    const answers = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`x${i}`, 'a']))
    expect(issuesOf(makeResponse({ answers }))).toEqual([
      expect.objectContaining({ code: 'response-too-many-answers', field: 'answers' }),
    ])
  })

  it('accepts a response submitted before it was started, or dated far off: the review flags such times', () => {
    for (const [startedAt, submittedAt] of [
      ['2025-10-01T08:00:00+07:00', '2025-10-01T00:59:00Z'],
      ['1970-01-01T00:00:00Z', '2030-01-01T00:00:00Z'],
    ]) {
      expect(issuesOf(makeResponse({ startedAt, submittedAt }))).toEqual([])
      expect(validateResponse(survey, makeResponse({ startedAt, submittedAt })).ok).toBe(true)
    }
  })

  it('accepts a paper serial only on paper responses', () => {
    expect(issuesOf(makeResponse({ channel: 'paper', paperSerial: 'BK-0012' }))).toEqual([])
    expect(mainIssue(makeResponse({ channel: 'online', paperSerial: 'BK-0012' }))).toEqual({
      code: 'response-serial-not-paper',
      field: 'paperSerial',
    })
  })

  it('refuses a field or online response with a required question blank, naming each one', () => {
    expect(issuesOf(makeResponse({ answers: { q1: 'good', q3: 'fair' } })).map((i) => [i.code, i.field])).toEqual([
      ['response-required-blank', 'answers.q4'],
    ])
    expect(
      issuesOf(makeResponse({ channel: 'online', answers: { q1: null, q4: 'poor', comment: ' ' } })).map(
        (i) => i.field,
      ),
    ).toEqual(['answers.q1', 'answers.q3'])
  })

  it('keeps a paper response with blanks: the surveyor keys what the respondent wrote', () => {
    expect(validateResponse(survey, makeResponse({ channel: 'paper', answers: {} }))).toMatchObject({ ok: true })
    expect(validateResponse(survey, makeResponse({ channel: 'paper', answers: { q1: null } }))).toMatchObject({
      ok: true,
    })
  })

  it('has a Vietnamese and an English message for every issue it reports', () => {
    const inputs = [
      makeResponse({
        unitId: 'huyen-z',
        groupId: 'alien',
        channel: 'online',
        paperSerial: 'x',
        submittedAt: '2025-01-01T00:00:00Z',
      }),
      makeResponse({ answers: { q2: 'good', q9: 'x', q1: 'bad' } }),
      makeResponse({ surveyVersion: 3 }),
      { ...makeResponse(), deviceId: undefined, channel: 1 },
    ]
    for (const issue of inputs.flatMap(issuesOf)) {
      for (const locale of ['vi', 'en'] as const) {
        const text = formatMessage(issue.code, issue.params, locale)
        expect(text).not.toBe(issue.code)
        expect(text).not.toMatch(/\{\w+\}/)
      }
    }
  })
})
