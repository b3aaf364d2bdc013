import { z } from 'zod'
import { idSchema } from '../survey/schema.ts'

/** How a response was collected (docs/domain.md, glossary). */
export const channelSchema = z.enum(['field', 'online', 'paper'])
export type Channel = z.infer<typeof channelSchema>

/** Limits that keep one response small enough to store and hash cheaply. */
export const RESPONSE_LIMITS = { answers: 500, textAnswer: 4000, serial: 100 } as const

const uuidV4 = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i, 'must be a UUID v4')

/**
 * One filled questionnaire, as the device sends it and the CLI reads it (docs/formats.md, "Response").
 * An answer is an option value (choice questions) or free text (text questions); a question
 * left blank is absent or null.
 */
export const responseSchema = z.object({
  id: uuidV4,
  surveyId: idSchema,
  surveyVersion: z.number().int().min(1),
  unitId: idSchema,
  groupId: idSchema,
  locationId: idSchema.nullable().default(null),
  channel: channelSchema,
  answers: z.record(idSchema, z.string().max(RESPONSE_LIMITS.textAnswer).nullable()),
  startedAt: z.iso.datetime({ offset: true }),
  submittedAt: z.iso.datetime({ offset: true }),
  deviceId: z.string().min(1).max(100),
  /** Serial number printed on a paper questionnaire keyed in by a surveyor (channel "paper"). */
  paperSerial: z.string().trim().min(1).max(RESPONSE_LIMITS.serial).optional(),
})
export type Response = z.infer<typeof responseSchema>
export type ResponseInput = z.input<typeof responseSchema>
