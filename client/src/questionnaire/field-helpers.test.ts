import { describe, expect, it } from 'vitest'
import { endOfDayInVietnam } from '@parsurvey/shared'
import { offlineSessionUntil } from '../stores/offline-session.ts'
import { testDraft, testResponse, testSurvey } from '../test/fixtures.ts'
import { codeProblem, looksLikeCode, normaliseCode } from './access-code.ts'
import { fieldProgress, newestVersions } from './field-progress.ts'
import { serialAlreadyEntered } from './paper-serial.ts'
import { closedRoundOf, newerVersionOf } from './survey-version.ts'

const title = { vi: 'x', en: 'x' }

describe('access codes', () => {
  it('are written one way whatever the respondent typed', () => {
    expect(normaliseCode(' abcd efgh-jkmn_pqrs ')).toBe('ABCD-EFGH-JKMN-PQRS')
    // The look-alikes fold as the server reads them (I, L → 1; O → 0): one code, one draft.
    expect(normaliseCode('abcd-efgh-jkmo-pqil')).toBe('ABCD-EFGH-JKM0-PQ11')
    expect(looksLikeCode('abc')).toBe(false)
  })
  it('server refusals map to what the page explains', () => {
    expect(codeProblem({ status: 410, code: 'code-used' })).toBe('used')
    expect(codeProblem({ status: 410, code: 'code-expired' })).toBe('expired')
    expect(codeProblem({ status: 404, code: 'code-not-found' })).toBe('not-found')
    expect(codeProblem({ status: 429, code: 'code-rate-limited' })).toBe('rate-limited')
    expect(codeProblem(null)).toBe('network')
  })
})

describe('home progress', () => {
  it('counts drafts, waiting, sent and refused per unit × group, per location where the quota is', () => {
    const survey = testSurvey()
    const outbox = [
      { response: testResponse({ unitId: 'huyen-a', groupId: 'citizen', locationId: 'xa-1' }), state: 'sent' as const },
      {
        response: testResponse({ unitId: 'huyen-a', groupId: 'citizen', locationId: 'xa-1' }),
        state: 'pending' as const,
      },
      { response: testResponse({ unitId: 'huyen-a', groupId: 'leader' }), state: 'conflict' as const },
    ].map((e) => ({ ...e, id: e.response.id, queuedAt: '', attempts: 0 }))
    const drafts = [testDraft({ unitId: 'huyen-a', groupId: 'leader' })]
    const rows = fieldProgress(survey, (u) => u === 'huyen-a', drafts, outbox)
    expect(rows.map((r) => [r.groupId, r.locationId, r.quota, r.sent, r.waiting, r.refused, r.drafts])).toEqual([
      ['leader', null, 3, 0, 0, 1, 1],
      ['citizen', 'xa-1', 4, 1, 1, 0, 0],
    ])
  })
  it('new questionnaires start on the newest version; older drafts learn a newer one exists', () => {
    const list = [1, 3, 2].map((version) => ({ id: 's', version, year: 2025, unitKind: 'district', title }))
    expect(newestVersions(list).map((s) => s.version)).toEqual([3])
    expect(newerVersionOf({ surveyId: 's', surveyVersion: 2 }, list)).toBe(3)
    expect(newerVersionOf({ surveyId: 's', surveyVersion: 3 }, list)).toBeNull()
  })
  it('a questionnaire finished after its round closed is told so, from the end of the closing day in Vietnam', () => {
    const round = { opens: '2026-10-01', closes: '2026-12-20' }
    const list = [{ id: 's', version: 1, year: 2026, unitKind: 'commune', title, round }]
    expect(closedRoundOf({ surveyId: 's' }, list, new Date('2026-12-20T16:59:00Z'))).toBeNull()
    expect(closedRoundOf({ surveyId: 's' }, list, new Date('2026-12-20T17:00:00Z'))).toBe('2026-12-20')
    expect(closedRoundOf({ surveyId: 'other' }, list, new Date('2030-01-01'))).toBeNull()
  })
})

describe('paper serials', () => {
  it('a serial keyed in before for the same survey is found in drafts and in the outbox', () => {
    const outbox = [{ response: testResponse({ paperSerial: 'B-77' }) }]
    expect(serialAlreadyEntered('b 77', 'demo-2025', [], outbox)).toBe(true)
    // The server's rule (shared): a phone's en dash and full-width digits are the same form.
    expect(serialAlreadyEntered('B–７７', 'demo-2025', [], outbox)).toBe(true)
    expect(serialAlreadyEntered('B-78', 'demo-2025', [testDraft({ paperSerial: 'B-78' })], [])).toBe(true)
    expect(serialAlreadyEntered('B-78', 'other', [testDraft({ paperSerial: 'B-78' })], [])).toBe(false)
  })
})

describe('offline session', () => {
  it('lasts until the end of the latest round in Vietnam, and at least the server session from the last confirmation', () => {
    expect(new Date(endOfDayInVietnam('2025-11-28')).toISOString()).toBe('2025-11-28T16:59:59.999Z')
    expect(offlineSessionUntil('2025-10-01T00:00:00Z', ['2025-11-28'])).toBe(endOfDayInVietnam('2025-11-28'))
    expect(new Date(offlineSessionUntil('2025-11-20T00:00:00Z', ['2025-11-28'])!).toISOString()).toBe(
      '2025-12-20T00:00:00.000Z',
    )
    expect(offlineSessionUntil(undefined, ['2025-11-28'])).toBeNull()
  })
})
