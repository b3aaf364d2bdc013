import { describe, expect, it } from 'vitest'
import { testResponse, testSurvey } from './test/fixtures.ts'
import { parseResponse, parseSurvey } from './validation.ts'

describe('validation loaded on demand', () => {
  it('accepts a valid survey and response and refuses a broken one', async () => {
    await expect(parseSurvey(testSurvey())).resolves.toMatchObject({ id: 'demo-2025' })
    await expect(parseResponse(testResponse())).resolves.toMatchObject({ locationId: null })
    await expect(parseResponse({ ...testResponse(), id: 'not-a-uuid' })).rejects.toThrow()
  })
})
