import { mount } from '@vue/test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { i18n, setLocale } from '../../i18n/index.ts'
import { testSurvey } from '../../test/fixtures.ts'
import QuestionScreen from './QuestionScreen.vue'

const questions = testSurvey().questions
const mountAt = (cursor: number) =>
  mount(QuestionScreen, {
    props: {
      questions,
      answers: {},
      cursor,
      question: questions[cursor] ?? null,
      section: null,
      position: {
        current: Math.min(cursor + 1, questions.length),
        total: questions.length,
        review: cursor === questions.length,
      },
      asked: questions.map(() => true),
      problem: null,
    },
    global: { plugins: [i18n] },
  })

describe('QuestionScreen', () => {
  beforeAll(() => setLocale('vi'))

  it('counts questions while answering', () => {
    expect(mountAt(0).get('[data-testid=q-progress]').text()).toBe(`Câu 1/${questions.length}`)
  })

  it('says the review is the final step, not one more question ("Câu 16/16")', () => {
    const progress = mountAt(questions.length).get('[data-testid=q-progress]').text()
    expect(progress).toBe('Bước cuối: xem lại')
    expect(progress).not.toMatch(/\d+\s*\/\s*\d+/)
  })
})
