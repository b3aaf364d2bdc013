import type { Catalogue } from './index.ts'

/** Messages of survey definition validation (codes start with `survey-`). */
export const surveyMessages: Catalogue = {}
