import { isRequired, isSingleChoice, otherOption } from '../survey/question-kind.ts'
import type { Group, Survey, Unit } from '../survey/schema.ts'
import { responseIdKey, UUID_V4 } from './id.ts'
import { RESPONSE_LIMITS, responseSchema, type Channel, type Response } from './schema.ts'

/**
 * The common case of `validateResponse` without zod: a response that is certainly valid comes
 * back parsed (the same object zod would give: unknown keys dropped, `locationId` defaulting to
 * null, answers without a prototype); anything else, or anything unusual, gives `undefined` and
 * the caller runs the full validation, which also words the issues. It accepts a subset of what
 * the full path accepts, never more (fast-validate.test.ts checks both agree), and is about ten
 * times faster: the CLI scores and the server ingests millions of responses through it.
 */
export function fastValidResponse(survey: Survey, input: unknown): Response | undefined {
  if (!isPlainObject(input)) return undefined
  const lookup = lookupOf(survey)
  const {
    id,
    surveyId,
    surveyVersion,
    unitId,
    groupId,
    channel,
    answers,
    startedAt,
    submittedAt,
    deviceId,
    paperSerial,
  } = input
  if (typeof id !== 'string' || !UUID_V4.test(id)) return undefined
  if (surveyId !== survey.id || surveyVersion !== survey.version) return undefined
  const unit = typeof unitId === 'string' ? lookup.units.get(unitId) : undefined
  const group = typeof groupId === 'string' ? lookup.groups.get(groupId) : undefined
  if (!unit || !group) return undefined
  const locationId = locationOf(unit, group, input.locationId ?? null)
  if (locationId === undefined) return undefined
  if (channel !== 'field' && channel !== 'online' && channel !== 'paper') return undefined
  if (!isFastDeviceId(deviceId) || !isFastPaperSerial(channel, paperSerial)) return undefined
  if (!isTime(startedAt) || !isTime(submittedAt)) return undefined
  const parsedAnswers = fastAnswers(lookup.askedOf.get(group.id)!, answers, channel)
  if (!parsedAnswers) return undefined
  const response: Response = {
    id: responseIdKey(id),
    surveyId: survey.id,
    surveyVersion: survey.version,
    unitId: unit.id,
    groupId: group.id,
    locationId,
    channel: channel satisfies Channel,
    answers: parsedAnswers,
    startedAt,
    submittedAt,
    deviceId,
  }
  if (paperSerial !== undefined) response.paperSerial = paperSerial
  return response
}

/** RFC 3339 with seconds and an offset: a subset of zod's `iso.datetime({ offset: true })`. */
const TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/

function isTime(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const m = TIME.exec(value)
  if (!m) return false
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (month < 1 || month > 12 || day < 1) return false
  // Day 0 of the next month is the last day of this one (leap years included).
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** The location as zod reads it (absent = null), or undefined when it does not fit the unit and group. */
function locationOf(unit: Unit, group: Group, value: unknown): string | null | undefined {
  if (value === null) return group.quotaPer === 'location' ? undefined : null
  return typeof value === 'string' && unit.locations.some((l) => l.id === value) ? value : undefined
}

/** A paper serial as the schema takes it: 1–100 characters with no surrounding spaces. */
/** A device id as the schema takes it (1 to `RESPONSE_LIMITS.deviceId` characters); both fast paths check it so. */
export function isFastDeviceId(deviceId: unknown): deviceId is string {
  return typeof deviceId === 'string' && deviceId.length >= 1 && deviceId.length <= RESPONSE_LIMITS.deviceId
}

/** No serial, or a trimmed one on a paper response: both fast paths check it so (the schema trims instead). */
export function isFastPaperSerial(channel: unknown, paperSerial: unknown): paperSerial is string | undefined {
  return (
    paperSerial === undefined ||
    (channel === 'paper' && typeof paperSerial === 'string' && isTrimmedSerial(paperSerial))
  )
}

export function isTrimmedSerial(serial: string): boolean {
  return serial.length >= 1 && serial.length <= RESPONSE_LIMITS.serial && serial.trim() === serial
}

/** An object literal as JSON.parse makes it (not an array, a class instance or null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}

/**
 * Answers to questions asked of the group only, each null, a known option or text within limits,
 * and every required question answered unless the response is on paper; undefined when any is
 * not, or when the group's questions need more than this (types, relevance, constraints).
 */
function fastAnswers(asked: AskedQuestions, answers: unknown, channel: Channel): Response['answers'] | undefined {
  if (asked.questions === undefined || !isPlainObject(answers)) return undefined
  const out = Object.create(null) as Response['answers']
  let count = 0
  let answeredRequired = 0
  for (const key in answers) {
    if (!Object.hasOwn(answers, key)) return undefined
    const question = asked.questions.get(key)
    const value = answers[key]
    if (!question || ++count > RESPONSE_LIMITS.answers) return undefined
    if (value !== null) {
      if (typeof value !== 'string' || value.length > RESPONSE_LIMITS.textAnswer) return undefined
      if (question.options === null) {
        if (question.required && value.trim() !== '') answeredRequired++
      } else if (question.options.has(value)) {
        if (question.required) answeredRequired++
      } else return undefined
    }
    out[key] = value
  }
  if (answeredRequired < asked.required && channel !== 'paper') return undefined
  return out
}

/**
 * Per group, the questions the fast paths decide alone (single choice and text, without logic):
 * each with its option values (null for text) and whether it is required; `questions` is
 * undefined when the group is asked anything else.
 */
export type AskedQuestions = {
  questions: Map<string, { options: Set<string> | null; required: boolean }> | undefined
  required: number
}

export function askedQuestions(survey: Survey, groupId: string): AskedQuestions {
  const asked = survey.questions.filter((q) => q.groups.includes(groupId))
  const simple = asked.every(
    (q) =>
      (isSingleChoice(q) || q.type === 'text') &&
      q.relevant === undefined &&
      q.constraint === undefined &&
      otherOption(q) === undefined,
  )
  return {
    questions: simple
      ? new Map(
          asked.map((q) => [
            q.id,
            { options: q.type === 'text' ? null : new Set(q.options.map((o) => o.value)), required: isRequired(q) },
          ]),
        )
      : undefined,
    required: asked.filter(isRequired).length,
  }
}

type Lookup = { units: Map<string, Unit>; groups: Map<string, Group>; askedOf: Map<string, AskedQuestions> }
const lookups = new WeakMap<Survey, Lookup>()

function lookupOf(survey: Survey): Lookup {
  let lookup = lookups.get(survey)
  if (!lookup) {
    lookup = {
      units: new Map(survey.units.map((u) => [u.id, u])),
      groups: new Map(survey.groups.map((g) => [g.id, g])),
      askedOf: new Map(survey.groups.map((g) => [g.id, askedQuestions(survey, g.id)])),
    }
    lookups.set(survey, lookup)
  }
  return lookup
}

/**
 * A stored response body (validated when it was received) read back as `responseSchema.parse`
 * would, through the fast path when it can: rebuilds and exports read millions of them.
 */
export function parseStoredResponse(survey: Survey, data: unknown): Response {
  return fastValidResponse(survey, data) ?? responseSchema.parse(data)
}
