import { z } from 'zod'
import { OTHER_SUFFIX } from '../survey/question-kind.ts'
import { idSchema, RESERVED_IDS } from '../survey/schema.ts'
import { responseIdKey, UUID_V4 } from './id.ts'
import { RESPONSE_LIMITS } from './limits.ts'

/** How a response was collected (docs/domain.md, glossary). */
export const channelSchema = z.enum(['field', 'online', 'paper'])
export type Channel = z.infer<typeof channelSchema>

export { RESPONSE_LIMITS }

/** A question id, or a question id with `:other` for the text of its "other" option. */
export const answerKeySchema = z
  .string()
  .max(100 + OTHER_SUFFIX.length)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*(:other)?$/u, 'must be a question id')
  .refine((key) => !RESERVED_IDS.has(key), 'this name is reserved')

/**
 * One answer: an option value or a text (single choice, text, date, the text of an "other"), a
 * number, the option values of a multiple choice, or null for blank. Which one a question takes
 * is checked against the survey (answer-issues.ts).
 */
export const answerSchema = z.union([
  z.string().max(RESPONSE_LIMITS.textAnswer),
  z.number(),
  z.array(z.string().max(100)).max(RESPONSE_LIMITS.choices),
  z.null(),
])
export type AnswerValue = z.infer<typeof answerSchema>

const uuidV4 = z.string().regex(UUID_V4, 'must be a UUID v4').transform(responseIdKey)

/**
 * One filled questionnaire, as the device sends it and the CLI reads it (docs/formats.md, "Response").
 * Answers are keyed by question id (surveys/README.md, "Answers"); a question left blank is
 * absent or null.
 */
export const responseSchema = z.object({
  id: uuidV4,
  surveyId: idSchema,
  surveyVersion: z.number().int().min(1),
  unitId: idSchema,
  groupId: idSchema,
  locationId: idSchema.nullable().default(null),
  channel: channelSchema,
  answers: z.record(answerKeySchema, answerSchema),
  startedAt: z.iso.datetime({ offset: true }),
  submittedAt: z.iso.datetime({ offset: true }),
  deviceId: z.string().min(1).max(RESPONSE_LIMITS.deviceId),
  /** Serial number printed on a paper questionnaire keyed in by a surveyor (channel "paper"). */
  paperSerial: z.string().trim().min(1).max(RESPONSE_LIMITS.serial).optional(),
})
export type Response = z.infer<typeof responseSchema>
/**
 * Which response and where it belongs (survey version, unit, group, location, channel): the fields
 * a stored row, a review entry and a tablet's draft all carry beside the answers.
 */
export type ResponsePlace = Pick<
  Response,
  'id' | 'surveyId' | 'surveyVersion' | 'unitId' | 'groupId' | 'locationId' | 'channel'
>
export type ResponseInput = z.input<typeof responseSchema>
