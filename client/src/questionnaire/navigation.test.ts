import { makeTypedSurvey } from '@parsurvey/shared/testing'
import { describe, expect, it } from 'vitest'
import { testSurvey } from '../test/fixtures.ts'
import {
  answersToSend,
  clampCursor,
  domainIndex,
  firstProblem,
  formOf,
  isAnswered,
  next,
  previous,
  positionAmong,
  questionsFor,
  relevance,
  sectionOf,
  shownAmong,
  shownCursor,
  staleKeys,
  type Answers,
  type Form,
} from './navigation.ts'

/** The position as the questionnaire screen reads it: the relevance worked out once, then the screen shown. */
function progress(form: Form, answers: Answers, cursor: number) {
  const asked = relevance(form, answers)
  return positionAmong(asked, shownAmong(asked, cursor))
}

const survey = testSurvey()
const question = (id: string) => survey.questions.find((q) => q.id === id)!
const leader = formOf(survey, 'leader', 'field')
const citizen = formOf(survey, 'citizen', 'field')

/** Citizens of the typed survey: q1 q3 q4 age comment intro online ways satisfied visits fee visited-on why-not. */
const typed = formOf(makeTypedSurvey(), 'citizen', 'field')
const scored = { q1: 'good', q3: 'fair', q4: 'poor' }
const at = (id: string) => typed.questions.findIndex((q) => q.id === id)

describe('questionnaire navigation', () => {
  it('asks each group only its own questions, in survey order', () => {
    expect(questionsFor(survey, 'leader').map((q) => q.id)).toEqual(['age', 'q1', 'q2', 'q3', 'comment'])
    expect(citizen.questions.map((q) => q.id)).toEqual(['age', 'q1', 'q3', 'comment'])
  })

  it('counts only a known option or non-blank text as an answer', () => {
    expect(isAnswered(question('q1'), { q1: 'good' })).toBe(true)
    expect(isAnswered(question('q1'), { q1: 'excellent' })).toBe(false)
    expect(isAnswered(question('q1'), { q1: null })).toBe(false)
    expect(isAnswered(question('comment'), { comment: '   ' })).toBe(false)
    expect(isAnswered(question('comment'), { comment: 'Tốt' })).toBe(true)
  })

  it('a required question left blank blocks moving on, except on a paper form', () => {
    expect(next(leader, {}, 1)).toEqual({ ok: false, blockedBy: 'q1' })
    expect(next(leader, { q1: 'dont-know' }, 1)).toEqual({ ok: true, cursor: 2 })
    expect(next(leader, {}, 0)).toEqual({ ok: true, cursor: 1 })
    expect(next(formOf(survey, 'leader', 'paper'), {}, 1)).toEqual({ ok: true, cursor: 2 })
  })

  it('moves from the last question to the review screen and no further', () => {
    expect(next(citizen, {}, 3)).toEqual({ ok: true, cursor: 4 })
    expect(next(citizen, {}, 4)).toEqual({ ok: true, cursor: 4 })
    expect(previous(citizen, {}, 0)).toBe(0)
    expect(previous(citizen, {}, 4)).toBe(3)
  })

  it('shows progress as question number over the number asked', () => {
    expect(progress(leader, {}, 2)).toEqual({ current: 3, total: 5, review: false })
    expect(progress(leader, {}, 5)).toEqual({ current: 5, total: 5, review: true })
    expect(clampCursor(40, 5)).toBe(5)
    expect(clampCursor(-1, 5)).toBe(0)
  })

  it('finds the first question with a problem before finishing', () => {
    expect(firstProblem(leader, { q1: 'good', q3: 'poor' })).toBe(2)
    expect(firstProblem(leader, { q1: 'good', q2: 'good', q3: 'poor' })).toBe(-1)
  })

  it('puts scored questions under their domain and the rest under the respondent profile', () => {
    const domains = domainIndex(survey.criteria)
    expect(sectionOf(question('q3'), domains)).toEqual({ kind: 'domain', id: '2', label: survey.criteria[1]!.label })
    expect(sectionOf(question('age'), domains)).toEqual({ kind: 'profile' })
  })

  it('sends only answers to questions asked of the group, without blanks', () => {
    expect(answersToSend(citizen, { q1: 'good', q2: 'poor', comment: '  ổn  ', age: null })).toEqual({
      q1: 'good',
      comment: 'ổn',
    })
  })
})

describe('skip logic, constraints and "other"', () => {
  it('skips a question whose relevant is false, both ways, and counts only the questions asked', () => {
    const no = { ...scored, online: 'no' }
    expect(next(typed, no, at('online'))).toEqual({ ok: true, cursor: at('visits') })
    expect(previous(typed, no, at('visits'))).toBe(at('online'))
    expect(progress(typed, no, at('visits'))).toEqual({ current: 8, total: 11, review: false })
    const yes = { ...scored, online: 'yes' }
    expect(next(typed, yes, at('online'))).toEqual({ ok: true, cursor: at('ways') })
    expect(next(typed, { ...yes, ways: ['app'] }, at('ways'))).toEqual({ ok: true, cursor: at('visits') })
    expect(progress(typed, { ...yes, ways: ['web'] }, at('satisfied')).total).toBe(12)
  })

  it('a cursor on a question no longer asked shows the next one asked', () => {
    expect(shownCursor(typed, { ...scored, online: 'no' }, at('ways'))).toBe(at('visits'))
  })

  it('clears the answers a change made stale: questions no longer asked, an unticked "other" text', () => {
    const answers = { ...scored, online: 'no', ways: ['web', 'other'], 'ways:other': 'Zalo', satisfied: 'yes' }
    expect(staleKeys(typed, answers).sort()).toEqual(['satisfied', 'ways', 'ways:other'])
    expect(staleKeys(typed, { ...answers, online: 'yes', ways: ['web'] })).toEqual(['ways:other'])
    expect(staleKeys(typed, { ...answers, online: 'yes' })).toEqual([])
  })

  it('keeps the surveyor on a broken constraint, a number out of range, a chosen "other" without its text', () => {
    const here = { ...scored, online: 'yes' }
    expect(next(typed, { ...here, ways: ['web', 'app', 'post'] }, at('ways'))).toEqual({
      ok: false,
      blockedBy: 'ways',
    })
    expect(next(typed, { ...here, ways: ['other'] }, at('ways'))).toEqual({ ok: false, blockedBy: 'ways' })
    expect(next(typed, { ...here, visits: 51 }, at('visits'))).toEqual({ ok: false, blockedBy: 'visits' })
    expect(next(typed, { ...here, visits: '1.000' }, at('visits'))).toEqual({ ok: false, blockedBy: 'visits' })
    expect(next(typed, { ...here, 'visited-on': '2019-05-01' }, at('visited-on'))).toEqual({
      ok: false,
      blockedBy: 'visited-on',
    })
    expect(next(typed, { ...here, visits: 12 }, at('visits'))).toEqual({ ok: true, cursor: at('fee') })
  })

  it('sends typed answers as their types, with the "other" text trimmed', () => {
    const answers = {
      ...scored,
      online: 'yes',
      ways: ['web', 'other'],
      'ways:other': ' Zalo ',
      satisfied: 'yes',
      visits: 0,
      fee: 12.5,
      'visited-on': '2024-02-29',
      'why-not': 'stale',
    }
    expect(answersToSend(typed, answers)).toEqual({
      ...scored,
      online: 'yes',
      ways: ['web', 'other'],
      'ways:other': 'Zalo',
      satisfied: 'yes',
      visits: 0,
      fee: 12.5,
      'visited-on': '2024-02-29',
    })
  })
})
