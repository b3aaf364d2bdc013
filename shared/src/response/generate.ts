import type { Group, Question, Survey, Unit } from '../survey/schema.ts'
import { createRandom, type Random } from './random.ts'
import type { Channel, Response } from './schema.ts'

/** Shares of the synthetic answers; close to what field teams report, tuned for demos. */
const RATES = { dontKnow: 0.05, blank: 0.03, textAnswered: 0.12 } as const
const CHANNELS: readonly Channel[] = ['field', 'online', 'paper']
const CHANNEL_WEIGHTS = [0.6, 0.3, 0.1]
const COMMENTS = [
  'Cán bộ tiếp dân nhiệt tình, hướng dẫn rõ ràng.',
  'Thời gian chờ còn lâu, cần bố trí thêm người.',
  'Mong được nộp hồ sơ trực tuyến thuận tiện hơn.',
  'Niêm yết thủ tục chưa đầy đủ ở bộ phận một cửa.',
  'Không có ý kiến thêm.',
  'Phí, lệ phí được công khai minh bạch.',
]

/**
 * Plausible synthetic responses to `survey`, the same sequence for the same seed. Each response
 * picks a unit, a group (weighted by its quota), a location when the unit has some, and answers
 * only the questions asked of that group. Every unit has its own hidden quality so units differ
 * and the ranking means something; about 5% don't-know, 3% blank, text mostly blank.
 * Lazy: it holds one response at a time, so a million cost no more memory than one.
 */
export function* generateResponses(survey: Survey, count: number, seed: number | string): Generator<Response> {
  const random = createRandom(seed)
  const plan = makePlan(survey, random)
  for (let i = 0; i < count; i++) yield generateOne(survey, plan, random, i)
}

type Plan = {
  quality: Map<string, number>
  leniency: Map<string, number>
  questionsOf: Map<string, Question[]>
  window: { from: number; to: number }
}

function makePlan(survey: Survey, random: Random): Plan {
  const quality = new Map(survey.units.map((u) => [u.id, 0.35 + random.next() * 0.55]))
  const leniency = new Map(survey.groups.map((g) => [g.id, random.normal(0.06)]))
  const questionsOf = new Map(survey.groups.map((g) => [g.id, survey.questions.filter((q) => q.groups.includes(g.id))]))
  return { quality, leniency, questionsOf, window: collectionWindow(survey) }
}

/** The survey round when given, else September to November of the survey year (Vietnam time). */
function collectionWindow(survey: Survey): { from: number; to: number } {
  const opens = survey.round?.opens ?? `${survey.year}-09-01`
  const closes = survey.round?.closes ?? `${survey.year}-11-30`
  return { from: Date.parse(`${opens}T00:00:00+07:00`), to: Date.parse(`${closes}T00:00:00+07:00`) }
}

function generateOne(survey: Survey, plan: Plan, random: Random, index: number): Response {
  const unit = random.pick(survey.units)
  const group = survey.groups[random.weighted(survey.groups.map((g) => expectedResponses(g, unit)))] as Group
  const location = unit.locations.length > 0 ? random.pick(unit.locations) : null
  const channel = CHANNELS[random.weighted(CHANNEL_WEIGHTS)] as Channel
  const id = random.uuid()
  const tendency = (plan.quality.get(unit.id) ?? 0.5) + (plan.leniency.get(group.id) ?? 0)
  const answers: Record<string, string | null> = {}
  for (const question of plan.questionsOf.get(group.id) ?? []) {
    const answer = answerFor(question, tendency, random)
    if (answer !== undefined) answers[question.id] = answer
  }
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

/** An option value, free text, null (explicitly blank) or undefined (question skipped). */
function answerFor(question: Question, tendency: number, random: Random): string | null | undefined {
  if (question.type === 'text') return random.next() < RATES.textAnswered ? random.pick(COMMENTS) : undefined
  const roll = random.next()
  if (roll < RATES.blank) return roll < RATES.blank / 2 ? null : undefined
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

/** Daytime starts in Vietnam time; interviews last 4–25 minutes, online ones a little longer. */
function times(
  window: { from: number; to: number },
  random: Random,
  channel: Channel,
): { startedAt: string; submittedAt: string } {
  const days = Math.max(1, Math.round((window.to - window.from) / 86_400_000))
  const start = window.from + random.int(days) * 86_400_000 + (7 * 3600 + random.int(10 * 3600)) * 1000
  const minutes = 4 + random.int(channel === 'online' ? 30 : 22)
  const end = start + minutes * 60_000 + random.int(60) * 1000
  return { startedAt: vietnamTime(start), submittedAt: vietnamTime(end) }
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
