import { describe, expect, it } from 'vitest'
import { makeSurvey } from '../survey/fixtures.ts'
import { previewAdjustments } from './adjustments.ts'
import { previewSelfAssessment } from './self-assessment.ts'
import { unitIdKey, unitSpelling, type InputTable } from './table.ts'

const survey = makeSurvey()
const table = (header: string[], ...rows: InputTable['rows'][number]['cells'][]): InputTable => ({
  format: 'csv',
  header,
  rows: rows.map((cells, i) => ({ line: i + 2, cells })),
})

describe('self-assessment per domain', () => {
  it('keeps the domain points when they add up to the total (to the hundredth)', () => {
    const preview = previewSelfAssessment(
      survey,
      table(
        ['unitId', 'selfAssessment', 'domain:1', 'Domain: 2'],
        ['huyen-a', '60,5', '40.25', '20.25'],
        ['huyen-b', 50, 30.004, 19.996],
      ),
      'en',
    )
    expect(preview.ok).toBe(true)
    expect(preview.domains).toEqual(['1', '2'])
    expect(preview.values).toEqual({ 'huyen-a': 60.5, 'huyen-b': 50 })
    expect(preview.domainValues).toEqual({ 'huyen-a': { 1: 40.25, 2: 20.25 }, 'huyen-b': { 1: 30.004, 2: 19.996 } })
  })

  it('refuses a row whose domains do not add up, and a blank domain cell, naming the field', () => {
    const preview = previewSelfAssessment(
      survey,
      table(['unitId', 'selfAssessment', 'domain:1', 'domain:2'], ['huyen-a', 60, 40, 19], ['huyen-b', 50, '', 50]),
      'vi',
    )
    expect(preview.ok).toBe(false)
    expect(preview.values).toEqual({})
    expect(preview.rows.map((r) => [r.line, r.error?.field, r.error?.code])).toEqual([
      [2, 'selfAssessment', 'self-assessment-domains-sum'],
      [3, 'domain:1', 'self-assessment-not-number'],
    ])
    expect(preview.rows[0]!.error!.message).toBe('Tổng điểm các lĩnh vực (59) khác điểm tự đánh giá (60).')
  })

  it('needs every domain once one is given, and refuses a domain the survey does not have', () => {
    const some = previewSelfAssessment(
      survey,
      table(['unitId', 'selfAssessment', 'domain:1'], ['huyen-a', 60, 60]),
      'en',
    )
    expect(some.errors.map((e) => [e.code, e.message])).toEqual([
      [
        'self-assessment-missing-domains',
        'When points per domain are given, every domain is needed; missing columns: domain:2.',
      ],
    ])
    const unknown = previewSelfAssessment(
      survey,
      table(['unitId', 'selfAssessment', 'domain:1', 'domain:2', 'domain:9'], ['huyen-a', 60, 30, 30, 0]),
      'en',
    )
    expect(unknown.errors.map((e) => e.code)).toEqual(['self-assessment-unknown-domain'])
  })

  it('without domain columns reads the total only, as before', () => {
    const preview = previewSelfAssessment(survey, table(['unitId', 'selfAssessment'], ['huyen-a', 60]), 'en')
    expect(preview).toMatchObject({ ok: true, domains: [], domainValues: {}, missingUnits: ['huyen-b'] })
    expect(preview.rows).toEqual([{ line: 2, unitId: 'huyen-a', value: 60 }])
  })
})

describe('adjustments import', () => {
  const header = ['unitId', 'points', 'reason']

  it('keeps every row, several per unit, bonus and penalty', () => {
    const preview = previewAdjustments(
      survey,
      table(
        header,
        ['huyen-a', '1,5', 'Sáng kiến cấp tỉnh'],
        ['huyen-a', '-0.25', 'Chậm báo cáo'],
        ['huyen-b', -2, 'Vi phạm kỷ luật'],
      ),
      'vi',
    )
    expect(preview.ok).toBe(true)
    expect(preview.adjustments).toEqual([
      { unitId: 'huyen-a', points: 1.5, reason: 'Sáng kiến cấp tỉnh' },
      { unitId: 'huyen-a', points: -0.25, reason: 'Chậm báo cáo' },
      { unitId: 'huyen-b', points: -2, reason: 'Vi phạm kỷ luật' },
    ])
  })

  it('reports each bad row with its field, in the reader’s language', () => {
    const preview = previewAdjustments(
      survey,
      table(
        [...header, 'note'],
        ['huyen-x', 1, 'a'],
        ['', 1, 'b'],
        ['huyen-a', 'một', 'c'],
        ['huyen-a', 0.125, 'd'],
        ['huyen-a', 101, 'e'],
        ['huyen-a', 1, ' '],
        ['huyen-a', { formula: 'A1+1' }, 'f'],
        ['huyen-b', 1, 'x'.repeat(501)],
      ),
      'en',
    )
    expect(preview.ok).toBe(false)
    expect(preview.errorCount).toBe(8)
    expect(preview.adjustments).toEqual([])
    expect(preview.warnings.map((w) => w.code)).toEqual(['adjustments-extra-column'])
    expect(preview.rows.map((r) => [r.line, r.error?.field, r.error?.code])).toEqual([
      [2, 'unitId', 'adjustments-unknown-unit'],
      [3, 'unitId', 'adjustments-missing-unit'],
      [4, 'points', 'adjustments-not-number'],
      [5, 'points', 'adjustments-too-precise'],
      [6, 'points', 'adjustments-out-of-range'],
      [7, 'reason', 'adjustments-missing-reason'],
      [8, 'points', 'adjustments-formula-without-result'],
      [9, 'reason', 'adjustments-reason-too-long'],
    ])
    expect(preview.rows[4]!.error!.message).toBe('The points 101 are outside the range -100 to 100.')
  })

  it('accepts a header without rows (no adjustments) and names missing columns', () => {
    expect(previewAdjustments(survey, table(header), 'en')).toMatchObject({ ok: true, adjustments: [] })
    const missing = previewAdjustments(survey, table(['unitId', 'điểm']), 'en')
    expect(missing.errors.map((e) => e.message)).toEqual([
      'The header row lacks the column "points" (three columns are needed: unitId, points, reason).',
      'The header row lacks the column "reason" (three columns are needed: unitId, points, reason).',
    ])
  })
})

describe('unit ids that differ only by case, spaces or diacritics', () => {
  it('fold to one key, and resolve to the survey spelling only as a suggestion', () => {
    expect(unitIdKey(' Huyện-A ')).toBe('huyen-a')
    expect(unitIdKey('HUYEN\u200b-A')).toBe('huyen-a')
    expect(unitIdKey('ĐÔNG Hà')).toBe('dongha')
    expect(unitIdKey('huyen-a')).not.toBe(unitIdKey('huyen_a'))
    const resolve = unitSpelling(survey)
    expect(resolve('huyen-a')).toEqual({ exact: true })
    expect(resolve('Huyện-A')).toEqual({ near: 'huyen-a' })
    expect(resolve('huyen-c')).toBeNull()
  })

  it('self-assessment: a second row of the same unit written another way is refused, never a second value', () => {
    const preview = previewSelfAssessment(
      survey,
      table(['unitId', 'selfAssessment'], ['huyen-a', 60], ['HUYEN-A', 61], ['huyện-b', 50], ['huyen-b', 50]),
      'vi',
    )
    expect(preview.ok).toBe(false)
    expect(preview.values).toEqual({})
    expect(preview.rows.map((r) => [r.line, r.error?.code])).toEqual([
      [2, undefined],
      [3, 'score-inputs-near-duplicate-unit'],
      [4, 'score-inputs-unit-spelling'],
      [5, 'score-inputs-near-duplicate-unit'],
    ])
    expect(preview.rows[1]!.error!.message).toBe(
      'Đơn vị "HUYEN-A" trùng với "huyen-a" ở dòng 2 (chỉ khác chữ hoa, dấu hoặc khoảng trắng). Mỗi đơn vị chỉ một dòng.',
    )
    expect(preview.rows[2]!.error!.message).toBe(
      'Mã đơn vị "huyện-b" viết khác mã "huyen-b" trong phiếu khảo sát (chữ hoa, dấu hoặc khoảng trắng). Hãy sửa thành "huyen-b".',
    )
    expect(preview.missingUnits).toEqual([])
  })

  it('adjustments: a unit spelled another way is refused; a repeated row counts but is flagged', () => {
    const header = ['unitId', 'points', 'reason']
    const spelled = previewAdjustments(survey, table(header, ['huyen-a', 1, 'a'], ['Huyen-A ', 1, 'b']), 'en')
    expect(spelled.ok).toBe(false)
    expect(spelled.rows[1]!.error).toMatchObject({ field: 'unitId', code: 'score-inputs-unit-spelling' })

    const repeated = previewAdjustments(
      survey,
      table(
        header,
        ['huyen-a', 1, 'Sáng kiến cấp tỉnh'],
        ['huyen-a', 1, 'sang kien  cap tinh'],
        ['huyen-a', -1, 'Sáng kiến cấp tỉnh'],
        ['huyen-b', 1, 'Sáng kiến cấp tỉnh'],
      ),
      'en',
    )
    expect(repeated.ok).toBe(true)
    expect(repeated.adjustments).toHaveLength(4)
    expect(repeated.rows.map((r) => r.warning?.code)).toEqual([
      undefined,
      'adjustments-repeated-row',
      undefined,
      undefined,
    ])
    expect(repeated.rows[1]!.warning!.message).toBe(
      'This row repeats line 2 (same unit, points and reason); both rows count. If it was pasted twice, delete one.',
    )
    expect(repeated.warnings.map((w) => w.message)).toEqual([
      'Rows that repeat an earlier row (same unit, points and reason), still counted: line 3. Check them before applying.',
    ])
  })
})
