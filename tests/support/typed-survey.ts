import { parseSurveyText, type Survey } from '@parsurvey/shared'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import { fieldApp } from './field-app.ts'

const fixture = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/surveys/valid-typed.yaml')

/**
 * The fixture survey using every question type (tests/fixtures/surveys/valid-typed.yaml), under
 * `id`. Citizens are asked: q1 q3 q4 (scored), age, comment, intro (note), online, ways
 * (multiple, "other", at most 2, if online), satisfied (if ways has web), visits (0–50, not 13),
 * fee (decimal), visited-on (from 2020), why-not (if not online).
 */
export function typedSurvey(id = 'test-2025-typed'): Survey {
  const parsed = parseSurveyText(fs.readFileSync(fixture, 'utf8'), 'valid-typed.yaml')
  if (!parsed.ok) throw new Error('tests/fixtures/surveys/valid-typed.yaml is invalid')
  return { ...parsed.survey, id }
}

/** Page actions on the typed survey's questions, shared by the field app and the respondent page. */
export function typedQuestions(page: Page) {
  const app = fieldApp(page)
  const problem = app.byTest('q-problem')
  const onQuestion = async (text: string) => expect.poll(() => app.byTest('q-text').textContent()).toBe(text)
  return {
    onQuestion,
    /** Tries to move on and expects to be kept on the question with this message. */
    async refused(code: string, message?: string) {
      await app.byTest('q-next').click()
      await expect.poll(() => problem.getAttribute('data-code')).toBe(code)
      if (message !== undefined) expect(await problem.textContent()).toBe(message)
    },
    async next() {
      await app.byTest('q-next').click()
    },
    pick: (value: string) => page.getByTestId(`option-${value}`).check(),
    untick: (value: string) => page.getByTestId(`option-${value}`).uncheck(),
    number: (text: string) => app.byTest('answer-number').fill(text),
    date: (text: string) => app.byTest('answer-date').fill(text),
    other: (text: string) => app.byTest('answer-other').fill(text),
    text: (text: string) => app.byTest('answer-text').fill(text),
    /** The three scored questions (first option each), then past the optional profile questions. */
    async scoredAndProfile() {
      for (let i = 0; i < 3; i++) await app.answerAndNext(0)
      await this.next() // age: optional
      await this.text('Cần nhanh hơn')
      await this.next()
      await onQuestion('Phần sau hỏi về dịch vụ công trực tuyến.')
      expect(await page.locator('fieldset.question input, fieldset.question textarea').count()).toBe(0)
      await this.next()
    },
  }
}
