import type { Catalogue } from './index.ts'

/** Messages of response validation (codes start with `response-`). */
export const responseMessages: Catalogue = {}
