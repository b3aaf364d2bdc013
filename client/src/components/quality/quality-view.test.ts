import { FLAG_KINDS } from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import { describe, expect, it } from 'vitest'
import type { QualityFlag, QualityReport } from '../../api/admin.ts'
import { answerRows, compareAnswers, flagSections, interviewLength } from './quality-view.ts'

const flag = (kind: QualityFlag['kind'], open: boolean, key: string): QualityFlag => ({
  kind,
  key,
  open,
  unitId: 'huyen-a',
  groupId: null,
  surveyor: null,
  responseIds: [],
  reason: key,
  params: {},
})

describe('quality view', () => {
  it('lists every kind in review order, open flags before settled ones', () => {
    const report = {
      flags: [
        flag('straight-lining', false, 'a'),
        flag('straight-lining', true, 'b'),
        flag('pending-conflict', true, 'c'),
      ],
      counts: { 'straight-lining': { flags: 2, open: 1 }, 'pending-conflict': { flags: 1, open: 1 } },
    } as unknown as QualityReport
    const sections = flagSections(report)
    expect(sections.map((s) => s.kind)).toEqual([
      'pending-conflict',
      'duplicate-serial',
      'straight-lining',
      'fast-interview',
      'surveyor-outlier',
      'submitted-before-started',
      'future-time',
      'before-publication',
      'outside-round',
    ])
    expect(new Set(sections.map((s) => s.kind))).toEqual(new Set(FLAG_KINDS))
    expect(sections[2]!.flags.map((f) => f.key)).toEqual(['b', 'a'])
    expect(sections[2]!.open).toBe(1)
    expect(sections[1]!.flags).toEqual([])
  })

  it('shows answers in survey order with option labels, unknown questions last', () => {
    const rows = answerRows(makeSurvey(), { zz: 'x', q3: 'fair', q1: 'good', comment: 'tốt' })
    expect(rows.map((r) => r.questionId)).toEqual(['q1', 'q3', 'comment', 'zz'])
    expect(rows[0]!.answer).toEqual({ vi: 'Tốt', en: 'Good' })
    expect(rows[2]!.answer).toBe('tốt')
  })

  it('marks the answers a resend changes, including ones it adds or drops', () => {
    const rows = compareAnswers(makeSurvey(), { q1: 'good', q2: 'poor' }, { q1: 'good', q3: 'fair' })
    expect(rows.map((r) => [r.questionId, r.changed])).toEqual([
      ['q1', false],
      ['q2', true],
      ['q3', true],
    ])
  })

  it('writes interview length as minutes and seconds', () => {
    expect(interviewLength('2025-10-01T08:00:00+07:00', '2025-10-01T08:12:05+07:00')).toBe('12:05')
    expect(interviewLength('2025-10-01T08:00:00+07:00', '2025-10-01T09:00:07+07:00')).toBe('1:00:07')
    expect(interviewLength('x', 'y')).toBeNull()
  })
})
