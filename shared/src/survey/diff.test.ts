import { describe, expect, it } from 'vitest'
import { makeSurvey } from './fixtures.ts'
import { isEmptyDiff, surveyDiff } from './diff.ts'

describe('surveyDiff', () => {
  it('lists questions added, removed, relabelled, rescored and otherwise changed, and the other parts that differ', () => {
    const before = makeSurvey()
    const after = makeSurvey({ version: 2, surveyPoints: 32 })
    after.questions = after.questions.filter((q) => q.id !== 'comment')
    after.questions.push({ id: 'q9', groups: ['citizen'], type: 'text', text: { vi: 'Mới' }, options: [] })
    const q1 = after.questions.find((q) => q.id === 'q1')!
    q1.text = { vi: 'Câu một đã sửa', en: 'Question one, edited' }
    q1.options[1]!.score = 0.7
    const age = after.questions.find((q) => q.id === 'age')!
    age.relevant = "${q1} != 'poor'"
    after.units[1]!.name = { vi: 'Huyện Bê' }
    const diff = surveyDiff(before, after)
    expect(diff).toMatchObject({
      fromVersion: 1,
      added: [{ id: 'q9', text: { vi: 'Mới' } }],
      removed: [{ id: 'comment' }],
      relabelled: [{ id: 'q1', after: { vi: 'Câu một đã sửa' } }],
      rescored: [{ id: 'q1', criterion: null, options: [{ value: 'good', before: 0.75, after: 0.7 }] }],
      changed: [{ id: 'age', keys: ['relevant'] }],
      parts: ['units'],
    })
    expect(isEmptyDiff(diff)).toBe(false)
    expect(isEmptyDiff(surveyDiff(before, makeSurvey({ version: 2 })))).toBe(true)
  })
})
