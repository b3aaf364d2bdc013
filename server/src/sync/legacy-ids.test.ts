import { validateResponse } from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type DB } from '../db/connection.ts'
import { setResponseVoided } from '../review/review.ts'
import { createServices, type Services } from '../services.ts'
import { makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'
import { ingestBatch } from '../testing/ingest.ts'
import { prepareResponse } from './ingest.ts'

/**
 * Before ids were lower-cased (issue 13, item 17) the server stored an id as it was sent. Such a
 * row stays as it is (append-only, receipts hold its hash); migration 010 lists it so that a
 * resend in any case meets it instead of being stored a second time.
 */
let t: TestApp
let db: DB
let services: Services
const survey = makeSurvey()
const original = makeResponse()
const legacyId = original.id.toUpperCase()

beforeEach(async () => {
  t = await startTestApp()
  // A row as the old server stored it, then migration 010 run again as on an upgrade.
  const checked = validateResponse(survey, original)
  if (!checked.ok) throw new Error('fixture response should be valid')
  const legacy = prepareResponse(survey, { ...checked.response, id: legacyId })
  t.services.sqlite.responses.insertNew({
    ...original,
    id: legacyId,
    locationId: null,
    body: legacy.body,
    hash: legacy.hash,
    receivedAt: '2025-10-01T09:00:00.000Z',
    receivedBy: 1,
  })
  t.db.exec("DROP TABLE response_id_folds; DELETE FROM schema_migrations WHERE version = '010_response_id_folds'")
  db = openDatabase(t.dbFile)
  services = createServices(db)
})
afterEach(() => {
  services.folding.stop()
  db.close()
  t.close()
})

const admin = () => services.sqlite.users.findById(1)!
const rows = (sql: string) => db.prepare(sql).pluck().get()

describe('a response stored under an upper-case id before ids were lower-cased', () => {
  it('is met by a resend in either case: the same content is a duplicate, other content a conflict', () => {
    const results = ingestBatch(
      services,
      admin(),
      [original, { ...original, id: legacyId }, { ...original, answers: { ...original.answers, q1: 'poor' } }],
      'en',
    )
    expect(results.map((r) => [r.id, r.status])).toEqual([
      [original.id, 'duplicate'],
      [original.id, 'duplicate'],
      [original.id, 'conflict'],
    ])
    expect(results[0]!.receivedAt).toBe('2025-10-01T09:00:00.000Z')
    expect(rows('SELECT COUNT(*) FROM responses')).toBe(1)
    expect(rows('SELECT response_id FROM conflicts')).toBe(legacyId)
  })

  it('can be voided by its id in lower case', () => {
    const voided = setResponseVoided(services, admin(), original.id, true, 'nhập trùng')
    expect(voided.id).toBe(legacyId)
    expect(voided.void).not.toBeNull()
  })
})
