import { describe, expect, it } from 'vitest'
import { dataSetOf, dataSetsOf, pickBaseline } from './data-sets.ts'
import { makeSurvey } from './fixtures.ts'
import { makeTypedSurvey } from './fixtures-typed.ts'
import type { Survey } from './schema.ts'
import { scoringCompatible, scoringDifferences, scoringDifferenceText } from './scoring-compatibility.ts'

const v = (version: number, edit: (s: Survey) => void = () => {}, overrides: Partial<Survey> = {}): Survey => {
  const survey = makeSurvey({ version, ...overrides })
  edit(survey)
  return survey
}
const question = (s: Survey, id: string) => s.questions.find((q) => q.id === id)!

describe('scoringDifferences', () => {
  it('finds none when only what people read changed: texts, labels, hints, logic, quotas, locations, unscored questions', () => {
    const after = v(2, (s) => {
      s.title = { vi: 'Phiếu đã sửa' }
      question(s, 'q1').text = { vi: 'Câu một, viết lại' }
      question(s, 'q1').options[0]!.label = { vi: 'Rất rất tốt' }
      question(s, 'q2').hint = { vi: 'Gợi ý' }
      question(s, 'q3').relevant = "${q1} != 'poor'"
      s.groups[0]!.quota = 30
      s.groups[1]!.label = { vi: 'Công dân' }
      s.units[0]!.locations.push({ id: 'xa-3', name: { vi: 'Xã Ba' } })
      s.units[1]!.name = { vi: 'Huyện Bê' }
      s.questions = s.questions.filter((q) => q.id !== 'comment')
      s.questions.push({
        id: 'new-profile',
        groups: ['citizen'],
        type: 'text',
        text: { vi: 'Nghề nghiệp' },
        options: [],
      })
      s.classification[0]!.label = { vi: 'Rất xuất sắc' }
      s.criteria[0]!.label = { vi: 'TTHC' }
    })
    expect(scoringDifferences(v(1), after)).toEqual([])
    expect(scoringCompatible(v(1), after)).toBe(true)
    expect(scoringCompatible(v(1), makeTypedSurvey())).toBe(true)
  })

  it('names every part scoring reads differently, by id', () => {
    const after = v(
      2,
      (s) => {
        question(s, 'q1').options[1]!.score = 0.7
        question(s, 'q2').criterion = '1.1'
        question(s, 'q3').groups = ['leader']
        s.questions.push({ ...question(s, 'q4'), id: 'q5' })
        s.groups[1]!.weight = 2
        s.units[1]!.notApplicable = ['2.1']
        ;(s.criteria[0]!.children![0]!.maxPoints as number) = 9
        s.classification[1]!.min = 85
      },
      { surveyPoints: 31, selfAssessmentPoints: 69, dontKnow: 'zero', missing: 'rescale' },
    )
    expect(scoringDifferences(v(1), after)).toEqual([
      { part: 'surveyPoints' },
      { part: 'selfAssessmentPoints' },
      { part: 'dontKnow' },
      { part: 'missing' },
      { part: 'classification' },
      { part: 'group', id: 'citizen' },
      { part: 'unit', id: 'huyen-b' },
      { part: 'criterion', id: '1.1' },
      { part: 'question', id: 'q1' },
      { part: 'question', id: 'q2' },
      { part: 'question', id: 'q3' },
      { part: 'question', id: 'q5' },
    ])
  })

  it('sees a question that stops being scored, a removed unit and a moved criterion', () => {
    const after = v(2, (s) => {
      question(s, 'q4').type = 'multiple'
      s.units = s.units.slice(0, 1)
      const [one, two] = s.criteria
      two!.children!.push(one!.children!.pop()!)
    })
    expect(scoringDifferences(v(1), after)).toEqual([
      { part: 'unit', id: 'huyen-b' },
      { part: 'criterion', id: '1.2' },
      { part: 'question', id: 'q4' },
    ])
  })

  it('says each difference in Vietnamese and in English', () => {
    expect(scoringDifferenceText({ part: 'question', id: 'q1' }, 'vi')).toContain('câu hỏi "q1" được chấm điểm khác')
    expect(scoringDifferenceText({ part: 'question', id: 'q1' }, 'en')).toContain('question "q1" is scored differently')
    expect(scoringDifferenceText({ part: 'surveyPoints' }, 'vi')).toBe('tổng điểm điều tra xã hội học khác nhau')
  })
})

describe('data sets of a survey', () => {
  it('groups compatible versions of one year and keeps versions that score differently apart', () => {
    const versions = [
      v(1),
      v(2, (s) => (question(s, 'q1').text = { vi: 'Sửa chữ' })),
      v(3, (s) => (question(s, 'q1').options[1]!.score = 0.7)),
      v(4, (s) => (question(s, 'q2').hint = { vi: 'Gợi ý' })),
    ]
    expect(dataSetsOf(versions)).toEqual([
      { surveyId: 'test-2025-district', year: 2025, versions: [1, 2, 4] },
      { surveyId: 'test-2025-district', year: 2025, versions: [3] },
    ])
    expect(dataSetOf(versions[1]!, versions)).toEqual({
      dataSet: { surveyId: 'test-2025-district', year: 2025, versions: [1, 2, 4] },
      separate: [{ versions: [3], differences: [{ part: 'question', id: 'q1' }] }],
    })
    expect(dataSetOf(versions[2]!, versions).dataSet.versions).toEqual([3])
  })

  it('never combines versions of another year', () => {
    const versions = [v(1), v(2, () => {}, { year: 2026 })]
    expect(dataSetOf(versions[0]!, versions)).toEqual({
      dataSet: { surveyId: 'test-2025-district', year: 2025, versions: [1] },
      separate: [],
    })
  })
})

describe('pickBaseline', () => {
  const set = (versions: number[], responses: number, selfAssessment: boolean) => ({
    surveyId: 'par-2025',
    year: 2025,
    versions,
    responses,
    selfAssessment,
  })

  it('takes the data set with an imported self-assessment, then the one with more responses, then the newest', () => {
    expect(pickBaseline([set([2], 12, false), set([1], 3000, true)])?.versions).toEqual([1])
    expect(pickBaseline([set([1], 3000, true), set([2], 3500, false)])?.versions).toEqual([1])
    expect(pickBaseline([set([1], 30, false), set([2], 12, false)])?.versions).toEqual([1])
    expect(pickBaseline([set([1], 12, false), set([2], 12, false)])?.versions).toEqual([2])
    expect(pickBaseline([])).toBeUndefined()
  })
})
