// Loaded on demand by validation.ts: only these two schemas (and zod) go into the lazy chunk.
export { responseSchema, surveySchema } from '@parsurvey/shared'
