import { mount } from '@vue/test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { i18n, setLocale } from '../../i18n/index.ts'
import { testSurvey } from '../../test/fixtures.ts'
import QuestionCard from './QuestionCard.vue'

const question = (id: string) => testSurvey().questions.find((q) => q.id === id)!
const mountCard = (id: string, props: { answer?: string | null; blocked?: boolean } = {}) =>
  mount(QuestionCard, {
    props: { question: question(id), answer: props.answer ?? null, blocked: props.blocked ?? false },
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
    expect(card.emitted('answer')).toEqual([['dont-know']])
  })

  it('checks the saved answer', () => {
    const card = mountCard('q1', { answer: 'poor' })
    expect((card.get('[data-testid=option-poor]').element as HTMLInputElement).checked).toBe(true)
  })

  it('explains why it cannot move on when a required question is blank', () => {
    expect(mountCard('q1').find('[data-testid=q-required-msg]').exists()).toBe(false)
    expect(mountCard('q1', { blocked: true }).get('[data-testid=q-required-msg]').text()).toContain('bắt buộc')
  })

  it('takes free text for a text question', async () => {
    const card = mountCard('comment')
    await card.get('[data-testid=answer-text]').setValue('Cần nhanh hơn')
    expect(card.emitted('answer')?.at(-1)).toEqual(['Cần nhanh hơn'])
  })
})
