import { canonicalJson, contentHash } from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import { describe, expect, it } from 'vitest'
import { makeResponse } from '../testing/harness.ts'
import { prepareResponse } from './ingest.ts'

describe('prepareResponse', () => {
  it('stores the canonical body and the same hash a device computes with contentHash', () => {
    const response = makeResponse({ answers: { q1: 'good', q2: 'dont-know', q3: null }, deviceId: 'máy-Đông-01' })
    const { body, hash } = prepareResponse(makeSurvey(), response)
    expect(body).toBe(canonicalJson(response))
    expect(hash).toBe(contentHash(response))
  })
})
