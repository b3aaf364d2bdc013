/** Fixtures for tests and benchmarks of every package (`@parsurvey/shared/testing`); not for production code. */
export { makeSurvey, scoredOptions } from './survey/fixtures.ts'
export { makeResponse } from './response/fixtures.ts'
export { makeTypedSurvey, TYPED_BASE_ANSWERS, TYPED_REFUSALS, TYPED_VALID_ANSWERS } from './survey/fixtures-typed.ts'
export { makeRegisterSurvey } from './register/fixtures.ts'
