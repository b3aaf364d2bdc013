/**
 * Limits that keep one response small enough to store and hash cheaply. Kept apart from the zod
 * schemas (schema.ts) so the field app can read them at start without loading zod.
 */
export const RESPONSE_LIMITS = { answers: 500, textAnswer: 4000, serial: 100, choices: 100, deviceId: 100 } as const
