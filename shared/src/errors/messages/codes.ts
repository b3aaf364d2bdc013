import type { Catalogue } from './index.ts'

/** Messages of the server's codes routes. */
export const codesMessages: Catalogue = {}
