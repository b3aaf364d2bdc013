import { endOfDayInVietnam } from '../survey/round.ts'
import { isRequired, isSingleChoice, otherAnswerKey, otherOption } from '../survey/question-kind.ts'
import type { Group, Question, Survey, Unit } from '../survey/schema.ts'
import { generateOtherAnswer, OTHER_TEXTS } from './generate-types.ts'
import { hasLogic, responseLogic, withoutIrrelevant } from './logic.ts'
import { createRandom, type Random } from './random.ts'
import type { AnswerValue, Channel, Response } from './schema.ts'

/** Shares of the synthetic answers; close to what field teams report, tuned for demos. */
const RATES = { dontKnow: 0.05, blank: 0.03, textAnswered: 0.12 } as const
const CHANNELS: readonly Channel[] = ['field', 'online', 'paper']
const CHANNEL_WEIGHTS = [0.6, 0.3, 0.1]

/**
 * Plausible synthetic responses to `survey`, the same sequence for the same seed and `now`. Each
 * response picks a unit, a group (weighted by its quota), a location when the unit has some, and
 * answers only the questions asked of that group. Every unit has its own hidden quality so units
 * differ and the ranking means something; about 5% don't-know, 3% blank, text mostly blank.
 * Times fall inside the collection window (`collectionWindow`); ids are drawn from the seed
 * together with the survey id and version, so one seed gives other ids for another survey.
 * Lazy: it holds one response at a time, so a million cost no more memory than one.
 */
export function* generateResponses(
  survey: Survey,
  count: number,
  seed: number | string,
  options: { now?: Date } = {},
): Generator<Response> {
  const random = createRandom(seed)
  const ids = createRandom(`${String(seed)}\u0000${survey.id}\u0000${survey.version}`)
  const plan = makePlan(survey, random, options.now ?? new Date())
  for (let i = 0; i < count; i++) yield generateOne(survey, plan, random, ids, i)
}

type Plan = {
  quality: Map<string, number>
  leniency: Map<string, number>
  questionsOf: Map<string, Question[]>
  window: { from: number; to: number }
}

function makePlan(survey: Survey, random: Random, now: Date): Plan {
  const quality = new Map(survey.units.map((u) => [u.id, 0.35 + random.next() * 0.55]))
  const leniency = new Map(survey.groups.map((g) => [g.id, random.normal(0.06)]))
  const questionsOf = new Map(survey.groups.map((g) => [g.id, survey.questions.filter((q) => q.groups.includes(g.id))]))
  return { quality, leniency, questionsOf, window: collectionWindow(survey, now) }
}

/**
 * When synthetic responses may have been started and submitted, in ms since the epoch: the survey
 * round (else September to November of the survey year, Vietnam time), ending at `now` when the
 * round is under way. A round that has not opened by `now` keeps its own dates (nothing fits both).
 * @example round 2026-10-01 … 2026-12-20, now 2026-11-15T03:00Z → from 2026-10-01T00:00+07:00 to now
 */
export function collectionWindow(survey: Survey, now: Date): { from: number; to: number } {
  const from = Date.parse(`${survey.round?.opens ?? `${survey.year}-09-01`}T00:00:00+07:00`)
  const end = endOfDayInVietnam(survey.round?.closes ?? `${survey.year}-11-30`)
  const to = Math.min(end, now.getTime())
  return to > from ? { from, to } : { from, to: end }
}

function generateOne(survey: Survey, plan: Plan, random: Random, ids: Random, index: number): Response {
  const unit = random.pick(survey.units)
  const group = survey.groups[random.weighted(survey.groups.map((g) => expectedResponses(g, unit)))] as Group
  const location = unit.locations.length > 0 ? random.pick(unit.locations) : null
  const channel = CHANNELS[random.weighted(CHANNEL_WEIGHTS)] as Channel
  const id = ids.uuid()
  const tendency = (plan.quality.get(unit.id) ?? 0.5) + (plan.leniency.get(group.id) ?? 0)
  const answers: Record<string, AnswerValue> = {}
  const mayLeaveBlank = channel === 'paper'
  for (const question of plan.questionsOf.get(group.id) ?? []) {
    const blankable = mayLeaveBlank || !isRequired(question)
    const answer = isSingleChoice(question)
      ? choiceFor(question, tendency, random, blankable)
      : generateOtherAnswer(question, plan.window, random, blankable, RATES.textAnswered)
    if (answer !== undefined) answers[question.id] = answer
    fitOtherText(question, answers, random)
  }
  fitLogic(survey, group.id, answers, plan, random)
  const { startedAt, submittedAt } = times(plan.window, random, channel)
  return {
    id,
    surveyId: survey.id,
    surveyVersion: survey.version,
    unitId: unit.id,
    groupId: group.id,
    locationId: location?.id ?? null,
    channel,
    answers,
    startedAt,
    submittedAt,
    deviceId: deviceFor(channel, random),
    ...(channel === 'paper' ? { paperSerial: `P-${String(index + 1).padStart(7, '0')}` } : {}),
  }
}

function expectedResponses(group: Group, unit: Unit): number {
  return group.quotaPer === 'location' ? group.quota * Math.max(1, unit.locations.length) : group.quota
}

/**
 * An option value, null (explicitly blank) or undefined (question skipped). A required question
 * is left blank only on paper; where it cannot be, a roll for blank picks "don't know" when the
 * question has it, which scores as a blank would (left out of the mean, or 0 with `dontKnow: zero`).
 */
function choiceFor(
  question: Question,
  tendency: number,
  random: Random,
  blankable: boolean,
): string | null | undefined {
  const roll = random.next()
  if (roll < RATES.blank && blankable) return roll < RATES.blank / 2 ? null : undefined
  if (question.criterion === undefined) return random.pick(question.options).value
  const dontKnow = question.options.find((o) => o.score === null)
  if (dontKnow && roll < RATES.blank + RATES.dontKnow) return dontKnow.value
  const scored = question.options.filter((o) => typeof o.score === 'number')
  const target = Math.min(1, Math.max(0, tendency + random.normal(0.2)))
  let best = scored[0]
  for (const option of scored) {
    if (Math.abs((option.score ?? 0) - target) < Math.abs((best?.score ?? 0) - target)) best = option
  }
  return best?.value ?? null
}

/**
 * Daytime starts in Vietnam time; interviews last 4–25 minutes, online ones a little longer. Both
 * times fall inside the window: an interview that would end after it is moved back to end there.
 */
function times(
  window: { from: number; to: number },
  random: Random,
  channel: Channel,
): { startedAt: string; submittedAt: string } {
  const days = Math.max(1, Math.ceil((window.to - window.from) / 86_400_000))
  const start = window.from + random.int(days) * 86_400_000 + (7 * 3600 + random.int(10 * 3600)) * 1000
  const length = (4 + random.int(channel === 'online' ? 30 : 22)) * 60_000 + random.int(60) * 1000
  // Whole seconds, so that the written times (to the second) stay inside the window too.
  const end = Math.floor(Math.min(start + length, window.to) / 1000) * 1000
  return { startedAt: vietnamTime(Math.max(window.from, end - length)), submittedAt: vietnamTime(end) }
}

function vietnamTime(ms: number): string {
  return `${new Date(ms + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`
}

function deviceFor(channel: Channel, random: Random): string {
  const n = String(1 + random.int(20)).padStart(2, '0')
  switch (channel) {
    case 'field':
      return `tablet-${n}`
    case 'online':
      return `web-${random.uuid().slice(0, 8)}`
    case 'paper':
      return `keyin-${n}`
    default: {
      const never: never = channel
      return never
    }
  }
}

/**
 * Makes generated answers obey the survey's logic: answers to questions that are not relevant
 * are dropped, and an answer that breaks its constraint is drawn again (a few times, then left
 * blank). Surveys without logic are untouched, so their sequences stay what they always were.
 */
function fitLogic(
  survey: Survey,
  groupId: string,
  answers: Record<string, AnswerValue>,
  plan: Plan,
  random: Random,
): void {
  if (!hasLogic(survey, groupId)) return
  for (const question of plan.questionsOf.get(groupId) ?? []) {
    const logic = responseLogic(survey, groupId, answers)
    const answer = answers[question.id]
    if (answer === undefined || answer === null || !logic.isRelevant(question.id)) continue
    let tries = 0
    let value: AnswerValue | undefined = answer
    while (value !== undefined && value !== null && !logic.meetsConstraint(question.id, value) && tries++ < 10) {
      value = isSingleChoice(question)
        ? random.pick(question.options).value
        : generateOtherAnswer(question, plan.window, random, false, 1)
    }
    if (value === undefined || value === null || !logic.meetsConstraint(question.id, value)) delete answers[question.id]
    else answers[question.id] = value
    if (value !== answer) fitOtherText(question, answers, random)
  }
  const kept = withoutIrrelevant(survey, groupId, answers)
  for (const key of Object.keys(answers)) if (!(key in kept)) delete answers[key]
}

/** The text of an "other" option when it is chosen, and none when it is not. */
function fitOtherText(question: Question, answers: Record<string, AnswerValue>, random: Random): void {
  const other = otherOption(question)
  if (!other) return
  const answer = answers[question.id]
  const key = otherAnswerKey(question.id)
  if (answer === other.value || (Array.isArray(answer) && answer.includes(other.value))) {
    answers[key] ??= random.pick(OTHER_TEXTS)
  } else delete answers[key]
}
