import { describe, expect, it } from 'vitest'
import { DomainError } from '../errors/domain-error.ts'
import { parseExpression } from '../expression/parse.ts'
import { makeSurvey } from '../survey/fixtures.ts'
import { makeTypedSurvey } from '../survey/fixtures-typed.ts'
import type { Question } from '../survey/schema.ts'
import { conditionWords } from './condition-words.ts'
import { paperForm, type PaperForm, type PaperQuestion } from './form.ts'
import { paperCopies } from './print-job.ts'

const items = (form: PaperForm) => form.sections.flatMap((s) => s.items)
const question = (form: PaperForm, id: string) =>
  items(form).find((i): i is PaperQuestion => i.kind === 'question' && i.id === id)!

describe('paperForm', () => {
  const form = paperForm(makeTypedSurvey(), 'citizen', null, 'vi')

  it('numbers the answerable questions of the group in order, not the notes, under the sections of the screen', () => {
    expect(items(form).map((i) => (i.kind === 'question' ? `${i.number} ${i.id}` : `note ${i.id}`))).toEqual([
      '1 q1',
      '2 q3',
      '3 q4',
      '4 age',
      '5 comment',
      'note intro',
      '6 online',
      '7 ways',
      '8 satisfied',
      '9 visits',
      '10 fee',
      '11 visited-on',
      '12 why-not',
    ])
    expect(form.sections.map((s) => s.heading)).toEqual([
      'Thủ tục hành chính',
      'Hiện đại hóa hành chính',
      'Thông tin người trả lời',
    ])
    expect(question(form, 'q1').options.map((o) => `${o.key} ${o.label}`)).toEqual([
      '1 Rất tốt',
      '2 Tốt',
      '3 Bình thường',
      '4 Chưa tốt',
      '5 Không biết',
    ])
  })

  it('says where an option skips to, derived from the relevance of the questions after it', () => {
    const online = question(form, 'online')
    // "Không" leaves out `ways` (relevant on yes) and `satisfied` (relevant on a tick in `ways`).
    expect(online.skips).toEqual(['Nếu chọn «Không», chuyển sang câu 9.'])
    expect(online.options.map((o) => o.skipTo)).toEqual([null, '→ câu 9'])
  })

  it('words every relevant condition with the question numbers and option labels', () => {
    expect(question(form, 'ways').onlyIf).toBe('Chỉ hỏi nếu câu 6 trả lời «Có».')
    expect(question(form, 'satisfied').onlyIf).toBe('Chỉ hỏi nếu ở câu 7 có chọn «Cổng dịch vụ công».')
    expect(question(form, 'why-not').onlyIf).toBe('Chỉ hỏi nếu câu 6 trả lời «Không».')
    expect(question(form, 'q1').onlyIf).toBeNull()
  })

  it('tells how to answer each type, with bounds and the survey’s constraint message', () => {
    expect(question(form, 'visits').howTo).toBe('Ghi một số nguyên từ 0 đến 50.')
    expect(question(form, 'fee').howTo).toBe('Ghi một số (có thể có phần thập phân) từ 0 trở lên.')
    expect(question(form, 'ways').howTo).toBe('Có thể chọn nhiều phương án.')
    expect(question(form, 'ways').rule).toBe('Chọn tối đa 2 cách.')
    expect(question(form, 'ways').options.at(-1)).toMatchObject({ key: 4, other: true })
    expect(question(form, 'visited-on').howTo).toBe('Ghi ngày, tháng, năm.')
  })

  it('prints in English, falling back to the Vietnamese text where the survey has no English', () => {
    const en = paperForm(makeTypedSurvey(), 'citizen', 'huyen-a', 'en')
    expect(en.unitName).toBe('District A')
    expect(question(en, 'online').skips).toEqual(['If “Không”, go to question 9.'])
    expect(question(en, 'why-not').onlyIf).toBe('Ask only if the answer to question 6 is “Không”.')
  })

  it('sends to the end of the form when every later question depends on the option', () => {
    const survey = makeTypedSurvey()
    const last: Question = {
      ...survey.questions.find((q) => q.id === 'why-not')!,
      id: 'tail',
      relevant: "${online} = 'yes'",
    }
    survey.questions = survey.questions.filter(
      (q) => q.groups.includes('citizen') && !['visits', 'fee', 'visited-on', 'why-not'].includes(q.id),
    )
    survey.questions.push(last)
    const online = question(paperForm(survey, 'citizen', null, 'vi'), 'online')
    expect(online.skips).toEqual(['Nếu chọn «Không», kết thúc phiếu.'])
    expect(online.options[1]!.skipTo).toBe('→ kết thúc')
  })

  it('refuses an unknown group or unit, naming the field', () => {
    expect(() => paperForm(makeSurvey(), 'nobody', null, 'vi')).toThrow(DomainError)
    try {
      paperForm(makeSurvey(), 'leader', 'nowhere', 'vi')
    } catch (error) {
      expect(error).toMatchObject({ code: 'paper-unit-unknown', field: 'unit', status: 400 })
    }
  })
})

describe('conditionWords', () => {
  const survey = makeTypedSurvey()
  const numbers = new Map(survey.questions.map((q, i) => [q.id, { question: q, number: i + 1 }]))
  const say = (source: string, locale: 'vi' | 'en' = 'vi') => {
    const parsed = parseExpression(source)
    if (!parsed.ok) throw new Error(source)
    return conditionWords(parsed.expr, numbers, locale)
  }
  const n = (id: string) => numbers.get(id)!.number

  it('keeps the grouping of and/or, and words not(selected) and count-selected', () => {
    expect(say("${online} = 'yes' and (selected(${ways}, 'app') or ${visits} >= 3)")).toBe(
      `câu ${n('online')} trả lời «Có» và (ở câu ${n('ways')} có chọn «Ứng dụng» hoặc câu ${n('visits')} từ 3 trở lên)`,
    )
    expect(say("not(selected(${ways}, 'post'))")).toBe(`ở câu ${n('ways')} không chọn «Bưu điện»`)
    expect(say('count-selected(${ways}) > 1', 'en')).toBe(
      `the number of options ticked at question ${n('ways')} is more than 1`,
    )
  })

  it('reads a comparison written number-first from the question’s side', () => {
    expect(say('2.5 < ${fee}')).toBe(`câu ${n('fee')} lớn hơn 2,5`)
    expect(say("${online} != 'no'")).toBe(`câu ${n('online')} không trả lời «Không»`)
    expect(say('${comment}')).toBe(`câu ${n('comment')} có trả lời`)
  })
})

describe('paperCopies', () => {
  const survey = makeSurvey()
  it('prints one blank copy per group when no numbers are asked for', () => {
    const copies = paperCopies(survey, { groupId: null, unitId: null, from: null, count: null, locale: 'vi' })
    expect(copies.map((c) => [c.form.groupId, c.serial])).toEqual([
      ['leader', null],
      ['citizen', null],
    ])
  })

  it('numbers copies on across groups so that a serial names one form of the survey', () => {
    const copies = paperCopies(survey, { groupId: null, unitId: 'huyen-b', from: 98, count: 2, locale: 'vi' })
    expect(copies.map((c) => `${c.form.groupId} ${c.serial}`)).toEqual([
      'leader 000098',
      'leader 000099',
      'citizen 000100',
      'citizen 000101',
    ])
    expect(copies[0]!.form.unitName).toBe('Huyện B')
  })

  it('refuses a first number below 1, a fraction or too many copies', () => {
    const ask = (from: number | null, count: number | null) => () =>
      paperCopies(survey, { groupId: 'leader', unitId: null, from, count, locale: 'vi' })
    expect(ask(0, 5)).toThrow(/first form number/)
    expect(ask(1.5, 5)).toThrow(DomainError)
    expect(ask(1, 1001)).toThrow(DomainError)
    expect(ask(null, 3)().map((c) => c.serial)).toEqual(['000001', '000002', '000003'])
  })
})
