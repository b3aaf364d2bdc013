/**
 * @parsurvey/shared — the pure domain of parsurvey: survey definitions, responses, scoring and the
 * sync protocol. No I/O and no framework: client, server and CLI are adapters around it.
 */
export * from './survey/schema.ts'
export * from './survey/validate.ts'
export * from './survey/round.ts'
export * from './response/schema.ts'
export * from './response/validate.ts'
export * from './response/fast-validate.ts'
export * from './response/canonical.ts'
export * from './response/generate.ts'
export * from './response/random.ts'
export * from './scoring/index.ts'
export * from './sync/protocol.ts'
export * from './sync/hash.ts'
export * from './api/quality.ts'
export * from './api/self-assessment.ts'
export * from './api/codes.ts'
export * from './api/surveys.ts'
export * from './codes/access-code.ts'
export * from './errors/domain-error.ts'
export * from './errors/messages/index.ts'
