import {
  addResponse,
  emptyState,
  explainUnit,
  groupDomainMatrix,
  provinceAverage,
  scoreSurvey,
  type ExplainReply,
  type Survey,
} from '@parsurvey/shared'
import { makeResponse, makeSurvey } from '@parsurvey/shared/testing'
import { mount } from '@vue/test-utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { i18n, loadOfficeMessages, setLocale } from '../../i18n/index.ts'
import ExplainCriteria from './ExplainCriteria.vue'

/**
 * The explanation says, per leaf, what the survey's rule did with it (issue 15: "the explain view
 * says when a leaf was filled by the province mean or left out"), from the engine's own reply.
 * District A: a leader rated q1 only, so 1.1 is scored and 1.2 has no answers; 2.1 does not
 * apply to it. District B: a leader rated q2 "fair" (f = 0.5), the province's only answer on 1.2.
 */
function explainA(missing: Survey['missing']): { survey: Survey; reply: ExplainReply } {
  const base = makeSurvey({ missing })
  const survey = makeSurvey({
    missing,
    units: base.units.map((u) => (u.id === 'huyen-a' ? { ...u, notApplicable: ['2.1'] } : u)),
  })
  const state = emptyState()
  addResponse(
    state,
    survey,
    makeResponse({ unitId: 'huyen-a', groupId: 'leader', locationId: null, answers: { q1: 'good' } }),
  )
  addResponse(
    state,
    survey,
    makeResponse({ unitId: 'huyen-b', groupId: 'leader', locationId: null, answers: { q2: 'fair' } }),
  )
  const scores = scoreSurvey(survey, state)
  const reply: ExplainReply = {
    surveyId: survey.id,
    surveyVersion: survey.version,
    score: scores.units.find((u) => u.unitId === 'huyen-a')!,
    explanation: explainUnit(survey, state, 'huyen-a'),
    matrix: groupDomainMatrix(survey, state, 'huyen-a'),
    province: provinceAverage(survey, scores),
  }
  return { survey, reply }
}
const shown = (missing: Survey['missing']) => {
  const view = mount(ExplainCriteria, { props: explainA(missing), global: { plugins: [i18n] } })
  const leaf = (id: string) => view.get(`[data-testid="explain-leaf-${id}"]`)
  const note = (id: string) => leaf(id).find('.flag')
  return { leaf, note, points: (id: string) => leaf(id).get('[data-testid=leaf-points]').text() }
}

describe('ExplainCriteria: what the rule did with each leaf', () => {
  beforeAll(async () => {
    await loadOfficeMessages()
    await setLocale('vi')
  })
  afterAll(() => setLocale('vi'))

  it('province-mean: the leaf without answers is filled with the province mean, and says so', () => {
    const view = shown('province-mean')
    expect(view.note('1.1').exists()).toBe(false)
    expect(view.points('1.1')).toBe('7,50')
    expect(view.note('1.2').text()).toBe('⚠ thiếu dữ liệu, lấy bình quân tỉnh')
    expect(view.note('1.2').attributes('data-status')).toBe('province-mean')
    expect(view.points('1.2')).toBe('3,00') // District B's 0.5 × 6
    expect(view.note('2.1').text()).toBe('⚠ không áp dụng cho đơn vị này')
    expect(view.note('2.1').attributes('data-testid')).toBe('leaf-exempt')
  })

  it('rescale: the leaf without answers is left out and the points rescaled; zero: it scores 0', () => {
    const rescale = shown('rescale')
    expect(rescale.note('1.2').text()).toBe('⚠ thiếu dữ liệu, bỏ ra và quy đổi điểm')
    expect(rescale.note('1.2').attributes('data-testid')).toBe('leaf-insufficient')
    expect(rescale.note('2.1').text()).toBe('⚠ không áp dụng cho đơn vị này')
    const zero = shown('zero')
    expect(zero.note('1.2').text()).toBe('⚠ thiếu dữ liệu, tính 0 điểm')
    expect(zero.points('1.2')).toBe('0,00')
  })

  it('says the same in English', async () => {
    await setLocale('en')
    const view = shown('province-mean')
    expect(view.note('1.2').text()).toBe('⚠ no data, province mean')
    expect(view.note('2.1').text()).toBe('⚠ not applicable to this unit')
    expect(view.points('1.2')).toBe('3.00')
  })
})
