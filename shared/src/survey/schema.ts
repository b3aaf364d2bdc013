import { z } from 'zod'
import { EXPRESSION_MAX_LENGTH } from '../expression/ast.ts'

/**
 * The survey definition format (authoring guide: surveys/README.md; limits: docs/formats.md).
 * Key names are a contract with every published survey file: add keys, never rename them.
 * This file checks the shape of each value; cross-field invariants live in invariants.ts.
 */

/**
 * Names an id may not take: ids become object keys (answers, per-unit results), and these would
 * read or clobber what every plain object inherits.
 */
export const RESERVED_IDS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype'])

/** Stable identifiers: letters, digits, dot, dash, underscore (criterion ids like "1.2" included). */
export const idSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u, 'use letters, digits, ".", "-" or "_"')
  .refine((id) => !RESERVED_IDS.has(id), { message: 'this name is reserved', params: { reason: 'reserved-id' } })

/** A text people read: Vietnamese always, English optional (the English UI falls back to Vietnamese). */
export const labelSchema = z.strictObject({
  vi: z.string().trim().min(1).max(2000),
  en: z.string().trim().min(1).max(2000).optional(),
})
export type Label = z.infer<typeof labelSchema>

export const classificationBandSchema = z.strictObject({
  min: z.number().min(0).max(100),
  id: idSchema,
  label: labelSchema,
})

export const groupSchema = z.strictObject({
  id: idSchema,
  label: labelSchema,
  weight: z.number().positive().finite(),
  /** Fewest valid answers for this group's mean of a question to count (docs/scoring.md, step 1). */
  minCell: z.number().int().min(1),
  /** Responses expected per unit, or per location when `quotaPer` is "location". */
  quota: z.number().int().min(0),
  quotaPer: z.enum(['unit', 'location']).default('unit'),
})
export type Group = z.infer<typeof groupSchema>

export const locationSchema = z.strictObject({ id: idSchema, name: labelSchema })
export type Location = z.infer<typeof locationSchema>

export const unitSchema = z.strictObject({
  id: idSchema,
  name: labelSchema,
  locations: z.array(locationSchema).default([]),
  /**
   * Leaves that do not apply to this unit (a provincial decision exempts it): they are left out
   * of its survey points, which are rescaled over the leaves that apply (docs/scoring.md, step 3).
   */
  notApplicable: z.array(idSchema).optional(),
})
export type Unit = z.infer<typeof unitSchema>

export type Criterion = {
  id: string
  label: Label
  maxPoints?: number | undefined
  children?: Criterion[] | undefined
}
export const criterionSchema: z.ZodType<Criterion> = z.lazy(() =>
  z.strictObject({
    id: idSchema,
    label: labelSchema,
    maxPoints: z.number().positive().finite().optional(),
    children: z.array(criterionSchema).min(1).optional(),
  }),
)

export const optionSchema = z.strictObject({
  value: idSchema,
  label: labelSchema,
  /** Score in [0,1]; null means "don't know / no opinion"; omitted only on unscored questions. */
  score: z.number().min(0).max(1).nullable().optional(),
  /** "Khác (ghi rõ)": choosing this option asks for a short text, stored as `answers["<question id>:other"]`. */
  other: z.boolean().optional(),
})
export type Option = z.infer<typeof optionSchema>

/** Question types; `choice` is accepted as another name of `single` (older files). */
export const QUESTION_TYPES = ['single', 'choice', 'multiple', 'text', 'number', 'date', 'note'] as const
export type QuestionType = (typeof QUESTION_TYPES)[number]

/** The text of a `relevant` or `constraint` expression; its grammar is checked by the validator. */
const expressionSchema = z.string().trim().min(1).max(EXPRESSION_MAX_LENGTH)

export const questionSchema = z.strictObject({
  id: idSchema,
  /** A leaf criterion id; questions without one (respondent profile, comments) are not scored. */
  criterion: idSchema.optional(),
  /** Ids of the respondent groups this question is asked of. */
  groups: z.array(idSchema).min(1),
  text: labelSchema,
  hint: labelSchema.optional(),
  /**
   * How the question is answered (question-kind.ts). `single` is read as `choice`, its older
   * name, which stays the value a survey holds (and an omitted type's default) so that the
   * content hash of every published file is unchanged: a file saying `single` and one saying
   * `choice` or nothing are the same survey. Code asks `isSingleChoice`.
   */
  type: z
    .enum(QUESTION_TYPES)
    .default('choice')
    .transform((type): Exclude<QuestionType, 'single'> => (type === 'single' ? 'choice' : type)),
  /** Whether a relevant question must be answered; the default is `isRequired` in question-kind.ts. */
  required: z.boolean().optional(),
  /** Asked only when this expression (shared/src/expression/README.md) is true. */
  relevant: expressionSchema.optional(),
  /** The answer must make this expression true (`.` is the answer); checked on non-blank answers. */
  constraint: expressionSchema.optional(),
  /** Shown when the constraint fails. */
  constraintMessage: labelSchema.optional(),
  /** Bounds of a `number` answer, inclusive. */
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  /** A `number` answer may have decimals; whole numbers only when omitted. */
  decimal: z.boolean().optional(),
  options: z.array(optionSchema).default([]),
})
export type Question = z.infer<typeof questionSchema>

/** A survey round: two dates (YYYY-MM-DD) in Vietnam; see round.ts. */
export const roundSchema = z.strictObject({ opens: z.iso.date(), closes: z.iso.date() })

export const surveySchema = z.strictObject({
  id: idSchema,
  version: z.number().int().min(1),
  year: z.number().int().min(2000).max(2100),
  unitKind: idSchema,
  title: labelSchema,
  description: labelSchema.optional(),
  /**
   * The default survey round: online codes expire and offline sessions stay valid until `closes`.
   * An admin may set another round in the app (stored apart, see server/src/survey/round.ts).
   */
  round: roundSchema.optional(),
  surveyPoints: z.number().positive().max(100),
  selfAssessmentPoints: z.number().min(0).max(100),
  dontKnow: z.enum(['exclude', 'zero']),
  /** A leaf with no usable answers: scores 0, takes the province mean, or is left out (rescale). */
  missing: z.enum(['zero', 'rescale', 'province-mean']).default('zero'),
  /**
   * Whether a person on the respondent register may rate the unit they work in (a department
   * leader rating their own department). Omitted or false: never; their own unit is left out.
   */
  rateOwnUnit: z.boolean().optional(),
  classification: z.array(classificationBandSchema).min(1),
  groups: z.array(groupSchema).min(1),
  units: z.array(unitSchema).min(1),
  criteria: z.array(criterionSchema).min(1),
  questions: z.array(questionSchema).min(1),
})
export type Survey = z.infer<typeof surveySchema>
/** What a survey file may contain before defaults are applied. */
export type SurveyInput = z.input<typeof surveySchema>
