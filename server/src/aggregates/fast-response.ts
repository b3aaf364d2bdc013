import { isFastDeviceId, isFastPaperSerial, isPlainObject, RESPONSE_LIMITS, responseIdKey } from '@parsurvey/shared'
import { isUuidV4, timeMs } from './fast-fields.ts'
import type { PendingResponses } from './pending-responses.ts'
import type { CounterLayout } from './counter-layout.ts'

const scratch = new Int32Array(RESPONSE_LIMITS.answers)

/**
 * shared's `fastValidResponse` fused with counting: when `input` (a JSON.parse result) is
 * certainly a valid response to the layout's survey, records its tally slots in `pending` and
 * returns its id (lower case, as shared responseIdKey folds it); otherwise records nothing and returns undefined, and the caller runs the full
 * validation (which decides and words the refusal). It makes exactly the checks of
 * `fastValidResponse`, in the same terms, so it accepts a subset of what it accepts
 * (fast-response.test.ts), and it builds no response object.
 */
export function fastResponse(layout: CounterLayout, input: unknown, pending: PendingResponses): string | undefined {
  if (!isPlainObject(input)) return undefined
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
  if (typeof id !== 'string' || !isUuidV4(id)) return undefined
  if (surveyId !== layout.survey.id || surveyVersion !== layout.survey.version) return undefined
  const unit = typeof unitId === 'string' ? layout.units.get(unitId) : undefined
  const group = typeof groupId === 'string' ? layout.groups.get(groupId) : undefined
  if (unit === undefined || group === undefined) return undefined
  const locationId = input.locationId ?? null
  let tallySlot: number | undefined
  if (locationId === null) tallySlot = layout.groupList[group]!.quotaPer === 'location' ? undefined : layout.tallyStart
  else if (typeof locationId === 'string') tallySlot = layout.locationSlots[unit]!.get(locationId)
  if (tallySlot === undefined) return undefined
  if (channel !== 'field' && channel !== 'online' && channel !== 'paper') return undefined
  if (!isFastDeviceId(deviceId) || !isFastPaperSerial(channel, paperSerial)) return undefined
  if (typeof startedAt !== 'string' || typeof submittedAt !== 'string' || !(timeMs(submittedAt) >= timeMs(startedAt)))
    return undefined
  const n = answerSlots(layout, group, answers, channel === 'paper')
  if (n < 0) return undefined
  pending.pushSlots(unit * layout.groupList.length + group, tallySlot, scratch, n)
  return responseIdKey(id)
}

/** The option slots of the answers in `scratch`, or -1 when the fast path cannot accept them. */
function answerSlots(layout: CounterLayout, group: number, answers: unknown, mayLeaveBlank: boolean): number {
  const asked = layout.askedSlots[group]
  if (asked === undefined || !isPlainObject(answers)) return -1
  let count = 0
  let answeredRequired = 0
  let n = 0
  for (const key in answers) {
    if (!Object.hasOwn(answers, key)) return -1
    const question = asked.get(key)
    const value = answers[key]
    if (question === undefined || ++count > RESPONSE_LIMITS.answers) return -1
    if (value === null) continue
    if (typeof value !== 'string' || value.length > RESPONSE_LIMITS.textAnswer) return -1
    if (question.slots === null) {
      // A text question: any text within the limit; blank unless it has more than spaces.
      if (question.required && value.trim() !== '') answeredRequired++
      continue
    }
    const slot = question.slots.get(value)
    if (slot === undefined) return -1
    if (question.required) answeredRequired++
    scratch[n++] = slot
  }
  return answeredRequired < layout.requiredCount[group]! && !mayLeaveBlank ? -1 : n
}
