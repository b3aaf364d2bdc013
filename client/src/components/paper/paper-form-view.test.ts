import { compareKeyings, type PaperFormDetail, type Response } from '@parsurvey/shared'
import { describe, expect, it } from 'vitest'
import { testResponse, testSurvey } from '../../test/fixtures.ts'
import { differingQuestions, paperFormRows, resolveRequest } from './paper-form-view.ts'

const survey = testSurvey()
const order = survey.questions.map((q) => q.id)

function detail(...responses: Response[]): PaperFormDetail {
  const [first, ...later] = responses
  return {
    id: 7,
    surveyId: survey.id,
    serialKey: 'BK12',
    unitId: 'huyen-b',
    state: later.length === 0 ? 'awaiting' : 'conflict',
    keyings: responses.length,
    updatedAt: '2025-05-02T08:00:00.000Z',
    keyingsDetail: responses.map((response, i) => ({
      keying: i + 1,
      responseId: response.id,
      receivedAt: '2025-05-02T08:00:00.000Z',
      receivedBy: i === 0 ? 'surveyor' : 'surveyor2',
      response,
    })),
    differences: later.map((r, i) => ({ keying: i + 2, differences: compareKeyings(first!, r, order) })),
    sameKeyer: false,
    countedResponseId: null,
  }
}

const viText = (label: { vi: string }) => label.vi
const paper = (answers: Response['answers']) => testResponse({ channel: 'paper', paperSerial: 'bk-12', answers })

describe('a paper form keyed twice, side by side', () => {
  const form = detail(
    paper({ age: 'young', q1: 'good', q3: 'poor', comment: 'Nhanh' }),
    paper({ age: 'young', q1: 'dont-know', q3: 'poor', comment: ' Nhanh ' }),
  )

  it('numbers the questions as printed for the group and shows each option with the key printed beside it', () => {
    const rows = paperFormRows(survey, form, 'vi', viText)
    expect(rows.map((r) => [r.number, r.text, r.answers, r.differs])).toEqual([
      [1, 'Tuổi', ['1. Dưới 30', '1. Dưới 30'], false],
      [2, 'Câu một', ['1. Tốt', '3. Không biết'], true],
      [3, 'Câu hai', [null, null], false],
      [4, 'Câu ba', ['2. Chưa tốt', '2. Chưa tốt'], false],
      [5, 'Góp ý', ['Nhanh', 'Nhanh'], false],
    ])
    expect(paperFormRows(survey, form, 'vi', viText, true).map((r) => r.questionId)).toEqual(['q1'])
  })

  it('asks a pick for every differing question, and posts only the picks taken from another keying', () => {
    expect(differingQuestions(form)).toEqual(['q1'])
    expect(resolveRequest(form, 1, {}, 'Đã xem phiếu')).toBeNull()
    expect(resolveRequest(form, 1, { q1: 2 }, 'Đã xem phiếu')).toEqual({
      base: 1,
      picks: { q1: 2 },
      reason: 'Đã xem phiếu',
    })
    expect(resolveRequest(form, 1, { q1: 1 }, 'x')).toEqual({ base: 1, picks: {}, reason: 'x' })
  })

  it('a form keyed once can be accepted as it is', () => {
    const once = detail(paper({ q1: 'good' }))
    expect(resolveRequest(once, 1, {}, 'Không nhập lại được')).toEqual({
      base: 1,
      picks: {},
      reason: 'Không nhập lại được',
    })
  })
})
