import type { Catalogue } from './index.ts'

/** Messages of the server's accounts routes. */
export const accountsMessages: Catalogue = {}
