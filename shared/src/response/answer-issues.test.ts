import { describe, expect, it } from 'vitest'
import { formatMessage } from '../errors/messages/index.ts'
import { makeTypedSurvey, TYPED_BASE_ANSWERS, TYPED_REFUSALS, TYPED_VALID_ANSWERS } from '../survey/fixtures-typed.ts'
import { makeResponse } from './fixtures.ts'
import { questionIssue } from './answer-issues.ts'
import type { AnswerValue } from './schema.ts'
import { validateResponse, type ResponseIssue } from './validate.ts'

const survey = makeTypedSurvey()

function issuesOf(answers: Record<string, AnswerValue>, channel: 'field' | 'paper' = 'field'): ResponseIssue[] {
  const result = validateResponse(survey, {
    ...makeResponse({ surveyId: survey.id, channel }),
    answers: { ...TYPED_BASE_ANSWERS, ...answers },
  })
  return result.ok ? [] : result.issues
}
const codes = (answers: Record<string, AnswerValue>, channel?: 'field' | 'paper') =>
  issuesOf(answers, channel).map((i) => `${i.code} ${i.field}`)

describe('answers of each type and the survey logic', () => {
  it.each(TYPED_REFUSALS)('refuses first with $code on $field: $why', ({ answers, code, field }) => {
    expect(codes(answers)[0]).toBe(`${code} ${field}`)
  })

  it('accepts a response answering every type as surveys/README.md describes', () => {
    expect(codes(TYPED_VALID_ANSWERS)).toEqual([])
    expect(codes({ online: 'no', 'why-not': 'Không có mạng', visits: null })).toEqual([])
  })

  it('refuses an answer of the wrong type for its question, naming the question', () => {
    expect(codes({ online: ['yes'] })).toEqual(['response-wrong-type answers.online'])
    expect(codes({ online: 'yes', ways: 'web' })).toEqual(['response-wrong-type answers.ways'])
    expect(codes({ online: 'yes', ways: ['web', 'fax'] })).toEqual(['response-unknown-option answers.ways'])
    expect(codes({ online: 'yes', ways: ['web', 'web'] })).toEqual(['response-repeated-option answers.ways'])
    expect(codes({ online: 'no', 'why-not': 'x', visits: '3' })).toEqual(['response-wrong-type answers.visits'])
    expect(codes({ online: 'no', 'why-not': 'x', visits: 2.5 })).toEqual(['response-not-whole answers.visits'])
    expect(codes({ online: 'no', 'why-not': 'x', visits: 51, fee: -1 })).toEqual([
      'response-out-of-range answers.visits',
      'response-out-of-range answers.fee',
    ])
    expect(codes({ online: 'no', 'why-not': 'x', 'visited-on': '2025-02-29' })).toEqual([
      'response-invalid-date answers.visited-on',
    ])
    expect(codes({ online: 'no', 'why-not': 'x', intro: 'hi' })).toEqual(['response-note-answered answers.intro'])
    expect(codes({ online: 'no', 'why-not': 'x', 'online:other': 'x' })).toEqual([
      'response-other-not-chosen answers.online:other',
    ])
  })

  it('refuses answers to questions that are not relevant, and requires relevant required ones', () => {
    expect(codes({ online: 'no', 'why-not': 'x', ways: ['app'] })).toEqual(['response-not-relevant answers.ways'])
    expect(codes({ online: 'no', 'why-not': 'x', satisfied: 'yes' })).toEqual([
      'response-not-relevant answers.satisfied',
    ])
    expect(codes({ online: 'yes', ways: ['web'] })).toEqual(['response-required-blank answers.satisfied'])
    expect(codes({ online: 'no' })).toEqual(['response-required-blank answers.why-not'])
    expect(codes({ online: 'yes', ways: ['app'] })).toEqual([])
    expect(codes({})).toEqual(['response-required-blank answers.online'])
  })

  it('checks constraints on non-blank answers, with the survey message when it has one', () => {
    const [issue] = issuesOf({ online: 'yes', ways: ['web', 'app', 'post'], satisfied: 'yes' })
    expect(issue?.code).toBe('response-constraint-message')
    expect(formatMessage(issue!.code, issue!.params, 'vi')).toBe('Câu "ways": Chọn tối đa 2 cách.')
    expect(codes({ online: 'no', 'why-not': 'x', visits: 13 })).toEqual(['response-constraint answers.visits'])
    expect(codes({ online: 'no', 'why-not': 'x', 'visited-on': '2019-12-31' })).toEqual([
      'response-constraint answers.visited-on',
    ])
  })

  it('needs the text of a chosen "other", except on paper, where blanks are kept as written', () => {
    expect(codes({ online: 'yes', ways: ['other'] })).toEqual(['response-other-blank answers.ways:other'])
    expect(codes({ online: 'yes', ways: ['other'] }, 'paper')).toEqual([])
    expect(codes({}, 'paper')).toEqual([])
    expect(codes({ online: 'no', ways: ['app'] }, 'paper')).toEqual(['response-not-relevant answers.ways'])
  })

  it('words every issue in Vietnamese and English', () => {
    const all = [
      ...issuesOf({ online: ['yes'] }),
      ...issuesOf({ online: 'yes', ways: ['web', 'web'] }),
      ...issuesOf({ online: 'no', visits: 2.5, fee: -1, 'visited-on': 'x', intro: 'x', 'online:other': 'x' }),
      ...issuesOf({ online: 'no', satisfied: 'yes' }),
      ...issuesOf({ online: 'yes', ways: ['other'] }),
      ...issuesOf({ online: 'no', 'why-not': 'x', visits: 13 }),
    ]
    for (const issue of all)
      for (const locale of ['vi', 'en'] as const)
        expect(formatMessage(issue.code, issue.params, locale)).not.toMatch(/\{\w+\}|^response-/)
  })

  it('checks one question of a response in progress as the whole response is checked', () => {
    const issueOf = (id: string, answers: Record<string, AnswerValue>, channel: 'field' | 'paper' = 'field') => {
      const question = survey.questions.find((q) => q.id === id)!
      const issue = questionIssue(survey, 'citizen', channel, answers, question)
      return issue && `${issue.code} ${issue.field}`
    }
    expect(issueOf('online', {})).toBe('response-required-blank answers.online')
    expect(issueOf('online', {}, 'paper')).toBeUndefined()
    expect(issueOf('visits', {})).toBeUndefined()
    expect(issueOf('visits', { visits: 'abc' })).toBe('response-wrong-type answers.visits')
    expect(issueOf('visits', { visits: 51 })).toBe('response-out-of-range answers.visits')
    expect(issueOf('visits', { visits: 13 })).toBe('response-constraint answers.visits')
    expect(issueOf('ways', { online: 'yes', ways: ['other'] })).toBe('response-other-blank answers.ways:other')
    expect(issueOf('ways', { online: 'yes', ways: ['other'], 'ways:other': 'Zalo' })).toBeUndefined()
    expect(issueOf('ways', { online: 'yes', ways: ['web'], 'ways:other': 'Zalo' })).toBe(
      'response-other-not-chosen answers.ways:other',
    )
    expect(issueOf('why-not', { online: 'yes' })).toBeUndefined()
    expect(issueOf('why-not', { online: 'no' })).toBe('response-required-blank answers.why-not')
  })
})
