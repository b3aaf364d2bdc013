import { describe, expect, it } from 'vitest'
import { testSurvey } from '../test/fixtures.ts'
import {
  answersToSend,
  clampCursor,
  domainIndex,
  firstMissing,
  isAnswered,
  next,
  previous,
  progress,
  questionsFor,
  sectionOf,
} from './navigation.ts'

const survey = testSurvey()
const question = (id: string) => survey.questions.find((q) => q.id === id)!

describe('questionnaire navigation', () => {
  it('asks each group only its own questions, in survey order', () => {
    expect(questionsFor(survey, 'leader').map((q) => q.id)).toEqual(['age', 'q1', 'q2', 'q3', 'comment'])
    expect(questionsFor(survey, 'citizen').map((q) => q.id)).toEqual(['age', 'q1', 'q3', 'comment'])
  })

  it('counts only a known option or non-blank text as an answer', () => {
    expect(isAnswered(question('q1'), { q1: 'good' })).toBe(true)
    expect(isAnswered(question('q1'), { q1: 'excellent' })).toBe(false)
    expect(isAnswered(question('q1'), { q1: null })).toBe(false)
    expect(isAnswered(question('comment'), { comment: '   ' })).toBe(false)
    expect(isAnswered(question('comment'), { comment: 'Tốt' })).toBe(true)
  })

  it('a required question left blank blocks moving on', () => {
    const questions = questionsFor(survey, 'leader')
    expect(next(questions, {}, 1)).toEqual({ ok: false, blockedBy: 'q1' })
    expect(next(questions, { q1: 'dont-know' }, 1)).toEqual({ ok: true, cursor: 2 })
    expect(next(questions, {}, 0)).toEqual({ ok: true, cursor: 1 })
  })

  it('moves from the last question to the review screen and no further', () => {
    const questions = questionsFor(survey, 'citizen')
    expect(next(questions, {}, 3)).toEqual({ ok: true, cursor: 4 })
    expect(next(questions, {}, 4)).toEqual({ ok: true, cursor: 4 })
    expect(previous(0)).toBe(0)
    expect(previous(4)).toBe(3)
  })

  it('shows progress as question number over the number asked', () => {
    expect(progress(2, 12)).toEqual({ current: 3, total: 12, review: false })
    expect(progress(12, 12)).toEqual({ current: 12, total: 12, review: true })
    expect(clampCursor(40, 5)).toBe(5)
    expect(clampCursor(-1, 5)).toBe(0)
  })

  it('finds the first required question still blank before finishing', () => {
    const questions = questionsFor(survey, 'leader')
    expect(firstMissing(questions, { q1: 'good', q3: 'poor' })).toBe(2)
    expect(firstMissing(questions, { q1: 'good', q2: 'good', q3: 'poor' })).toBe(-1)
  })

  it('puts scored questions under their domain and the rest under the respondent profile', () => {
    const domains = domainIndex(survey.criteria)
    expect(sectionOf(question('q3'), domains)).toEqual({ kind: 'domain', id: '2', label: survey.criteria[1]!.label })
    expect(sectionOf(question('age'), domains)).toEqual({ kind: 'profile' })
  })

  it('sends only answers to questions asked of the group, without blanks', () => {
    const questions = questionsFor(survey, 'citizen')
    expect(answersToSend(questions, { q1: 'good', q2: 'poor', comment: '  ổn  ', age: null })).toEqual({
      q1: 'good',
      comment: 'ổn',
    })
  })
})
