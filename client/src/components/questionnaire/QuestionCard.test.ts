import type { AnswerValue, ResponseIssue } from '@parsurvey/shared'
import { makeTypedSurvey } from '@parsurvey/shared/testing'
import { mount } from '@vue/test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { i18n, setLocale } from '../../i18n/index.ts'
import { testSurvey } from '../../test/fixtures.ts'
import QuestionCard from './QuestionCard.vue'

const questions = [...testSurvey().questions, ...makeTypedSurvey().questions]
const question = (id: string) => questions.find((q) => q.id === id)!
const mountCard = (
  id: string,
  props: { answers?: Record<string, AnswerValue>; problem?: ResponseIssue['code'] } = {},
) =>
  mount(QuestionCard, {
    props: {
      question: question(id),
      answers: props.answers ?? {},
      problem: props.problem ? { code: props.problem, field: `answers.${id}`, params: {} } : null,
    },
    global: { plugins: [i18n] },
  })

describe('QuestionCard', () => {
  beforeAll(() => setLocale('vi'))

  it('shows each option as a native radio and reports the one tapped', async () => {
    const card = mountCard('q1')
    expect(card.get('[data-testid=q-text]').text()).toBe('Câu một')
    expect(card.findAll('input[type=radio]').map((r) => r.attributes('data-testid'))).toEqual([
      'option-good',
      'option-poor',
      'option-dont-know',
    ])
    await card.get('[data-testid=option-dont-know]').setValue(true)
    expect(card.emitted('answer')).toEqual([['q1', 'dont-know']])
  })

  it('checks the saved answer', () => {
    const card = mountCard('q1', { answers: { q1: 'poor' } })
    expect((card.get('[data-testid=option-poor]').element as HTMLInputElement).checked).toBe(true)
  })

  it('explains why it cannot move on, in Vietnamese, with the survey’s own constraint message', () => {
    expect(mountCard('q1').find('[data-testid=q-problem]').exists()).toBe(false)
    expect(mountCard('q1', { problem: 'response-required-blank' }).get('[data-testid=q-problem]').text()).toContain(
      'bắt buộc',
    )
    expect(mountCard('ways', { problem: 'response-constraint-message' }).get('[data-testid=q-problem]').text()).toBe(
      'Chọn tối đa 2 cách.',
    )
    expect(mountCard('visits', { problem: 'response-out-of-range' }).get('[data-testid=q-problem]').text()).toBe(
      'Vui lòng nhập số từ 0 đến 50.',
    )
  })

  it('takes free text for a text question', async () => {
    const card = mountCard('comment')
    await card.get('[data-testid=answer-text]').setValue('Cần nhanh hơn')
    expect(card.emitted('answer')?.at(-1)).toEqual(['comment', 'Cần nhanh hơn'])
  })

  it('ticks several options of a multiple choice, in option order, and asks the text of "other"', async () => {
    const card = mountCard('ways', { answers: { ways: ['post'] } })
    expect(card.findAll('input[type=checkbox]')).toHaveLength(4)
    expect(card.find('[data-testid=answer-other]').exists()).toBe(false)
    await card.get('[data-testid=option-web]').setValue(true)
    expect(card.emitted('answer')?.at(-1)).toEqual(['ways', ['web', 'post']])
    await card.get('[data-testid=option-post]').setValue(false)
    expect(card.emitted('answer')?.at(-1)).toEqual(['ways', []])
    const other = mountCard('ways', { answers: { ways: ['other'], 'ways:other': 'Zalo' } })
    expect((other.get('[data-testid=answer-other]').element as HTMLInputElement).value).toBe('Zalo')
    await other.get('[data-testid=answer-other]').setValue('Zalo OA')
    expect(other.emitted('answer')?.at(-1)).toEqual(['ways:other', 'Zalo OA'])
  })

  it('takes a number on the numeric keypad, and a date', async () => {
    const card = mountCard('fee')
    const box = card.get('[data-testid=answer-number]')
    expect(box.attributes('inputmode')).toBe('decimal')
    await box.setValue('12,5')
    expect(card.emitted('answer')?.at(-1)).toEqual(['fee', 12.5])
    expect(mountCard('visits').get('[data-testid=answer-number]').attributes('inputmode')).toBe('numeric')
    const date = mountCard('visited-on', { answers: { 'visited-on': '2024-02-29' } })
    expect((date.get('[data-testid=answer-date]').element as HTMLInputElement).value).toBe('2024-02-29')
    await date.get('[data-testid=answer-date]').setValue('')
    expect(date.emitted('answer')?.at(-1)).toEqual(['visited-on', null])
  })

  it('shows a note as text with no answer to give', () => {
    const card = mountCard('intro')
    expect(card.get('[data-testid=q-text]').text()).toBe('Phần sau hỏi về dịch vụ công trực tuyến.')
    expect(card.findAll('input, textarea')).toHaveLength(0)
    expect(card.text()).not.toContain('Không bắt buộc')
  })
})
