import type { Catalogue } from './index.ts'

/** Messages of the server's exports routes. */
export const exportsMessages: Catalogue = {}
