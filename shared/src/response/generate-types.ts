import type { Question } from '../survey/schema.ts'
import type { Random } from './random.ts'
import type { AnswerValue } from './schema.ts'

export const COMMENTS = [
  'Cán bộ tiếp dân nhiệt tình, hướng dẫn rõ ràng.',
  'Thời gian chờ còn lâu, cần bố trí thêm người.',
  'Mong được nộp hồ sơ trực tuyến thuận tiện hơn.',
  'Niêm yết thủ tục chưa đầy đủ ở bộ phận một cửa.',
  'Không có ý kiến thêm.',
  'Phí, lệ phí được công khai minh bạch.',
]

export const OTHER_TEXTS = ['Qua người quen', 'Qua đài phát thanh xã', 'Tổ trưởng dân phố báo']

const DAY = 86_400_000

/**
 * A synthetic answer to a question that is not a single choice (undefined: skipped). Text is
 * mostly blank (`textShare` of it is answered) unless it may not be; numbers fall in
 * [min, max] (0–100 when unbounded), dates in the collection window.
 */
export function generateOtherAnswer(
  question: Question,
  window: { from: number; to: number },
  random: Random,
  blankable: boolean,
  textShare: number,
): AnswerValue | undefined {
  switch (question.type) {
    case 'text':
      return random.next() < textShare || !blankable ? random.pick(COMMENTS) : undefined
    case 'multiple': {
      const picked = question.options.filter(() => random.next() < 0.35).map((o) => o.value)
      if (picked.length > 0 || blankable) return picked.length > 0 ? picked : undefined
      return [random.pick(question.options).value]
    }
    case 'number': {
      const min = question.min ?? 0
      const max = question.max ?? Math.max(min, 100)
      const value = min + random.next() * (max - min)
      return question.decimal === true ? Math.round(value * 10) / 10 : Math.min(max, Math.max(min, Math.round(value)))
    }
    case 'date':
      return new Date(window.from - random.int(3650) * DAY).toISOString().slice(0, 10)
    case 'note':
    case 'choice':
      return undefined
    default:
      return question.type satisfies never
  }
}
