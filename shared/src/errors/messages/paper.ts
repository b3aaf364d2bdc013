import type { Catalogue } from './index.ts'

/**
 * Words of the printed blank questionnaire (paper/): the form's frame, how to answer each kind
 * of question, and skip instructions in words derived from `relevant`; codes start with `paper-`.
 */
export const paperMessages: Catalogue = {
  'paper-serial': { vi: 'Số phiếu', en: 'Form no.' },
  'paper-unit': { vi: 'Đơn vị được đánh giá', en: 'Unit rated' },
  'paper-group': { vi: 'Đối tượng trả lời', en: 'Respondent group' },
  'paper-location': { vi: 'Địa điểm khảo sát', en: 'Survey location' },
  'paper-question': { vi: 'Câu {number}', en: 'Question {number}' },
  'paper-instructions': {
    vi: 'Ông/Bà vui lòng đánh dấu ✗ vào ô phù hợp, hoặc ghi câu trả lời vào chỗ trống. Ý kiến của Ông/Bà được giữ bí mật và chỉ được tổng hợp chung.',
    en: 'Please mark ✗ in the box that fits, or write your answer in the space. Your answers are confidential and only reported in aggregate.',
  },
  'paper-thanks': { vi: 'Xin trân trọng cảm ơn Ông/Bà!', en: 'Thank you for your answers.' },
  'paper-profile': { vi: 'Thông tin người trả lời', en: 'About you' },
  'paper-pick-one': { vi: 'Chọn một phương án.', en: 'Pick one.' },
  'paper-pick-many': { vi: 'Có thể chọn nhiều phương án.', en: 'Pick all that apply.' },
  'paper-write-text': { vi: 'Ghi câu trả lời.', en: 'Write your answer.' },
  'paper-write-date': { vi: 'Ghi ngày, tháng, năm.', en: 'Write the day, month and year.' },
  'paper-write-integer': { vi: 'Ghi một số nguyên', en: 'Write a whole number' },
  'paper-write-decimal': { vi: 'Ghi một số (có thể có phần thập phân)', en: 'Write a number (decimals allowed)' },
  'paper-range-both': { vi: 'từ {min} đến {max}', en: 'from {min} to {max}' },
  'paper-range-min': { vi: 'từ {min} trở lên', en: '{min} or more' },
  'paper-range-max': { vi: 'không quá {max}', en: 'at most {max}' },
  'paper-date-pattern': { vi: 'ngày … / tháng … / năm …', en: 'day … / month … / year …' },
  'paper-only-if': { vi: 'Chỉ hỏi nếu {condition}.', en: 'Ask only if {condition}.' },
  'paper-skip': { vi: 'Nếu chọn {options}, chuyển sang câu {number}.', en: 'If {options}, go to question {number}.' },
  'paper-skip-end': { vi: 'Nếu chọn {options}, kết thúc phiếu.', en: 'If {options}, the form ends here.' },
  'paper-skip-arrow': { vi: '→ câu {number}', en: '→ question {number}' },
  'paper-skip-arrow-end': { vi: '→ kết thúc', en: '→ end' },
  'paper-quoted': { vi: '«{text}»', en: '“{text}”' },
  'paper-print-hint': {
    vi: 'Bản để in trên giấy A4: nhấn Ctrl+P (⌘P trên máy Mac), chọn khổ A4, tỷ lệ 100%.',
    en: 'Ready to print on A4: press Ctrl+P (⌘P on a Mac), choose A4 at 100% scale.',
  },
  'paper-or': { vi: 'hoặc', en: 'or' },
  'paper-and': { vi: 'và', en: 'and' },
  'paper-ref': { vi: 'câu {number}', en: 'question {number}' },
  'paper-answered': { vi: '{question} có trả lời', en: '{question} is answered' },
  'paper-chose': { vi: '{question} trả lời «{option}»', en: 'the answer to {question} is “{option}”' },
  'paper-not-chose': { vi: '{question} không trả lời «{option}»', en: 'the answer to {question} is not “{option}”' },
  'paper-selected': { vi: 'ở {question} có chọn «{option}»', en: '“{option}” is ticked at {question}' },
  'paper-not-selected': { vi: 'ở {question} không chọn «{option}»', en: '“{option}” is not ticked at {question}' },
  'paper-count-selected': { vi: 'số phương án chọn ở {question}', en: 'the number of options ticked at {question}' },
  'paper-not': { vi: 'không đúng là ({condition})', en: 'not ({condition})' },
  'paper-op-=': { vi: '{left} là {right}', en: '{left} is {right}' },
  'paper-op-!=': { vi: '{left} khác {right}', en: '{left} is not {right}' },
  'paper-op-<': { vi: '{left} nhỏ hơn {right}', en: '{left} is less than {right}' },
  'paper-op-<=': { vi: '{left} không quá {right}', en: '{left} is at most {right}' },
  'paper-op->': { vi: '{left} lớn hơn {right}', en: '{left} is more than {right}' },
  'paper-op->=': { vi: '{left} từ {right} trở lên', en: '{left} is at least {right}' },
  'paper-serials-invalid': {
    vi: 'Số phiếu đầu ({field}) phải là số nguyên từ 1 và số bản in từ 1 đến {max}.',
    en: 'The first form number ({field}) must be a whole number from 1, and the count from 1 to {max}.',
  },
  'paper-group-unknown': {
    vi: 'Bộ câu hỏi không có đối tượng trả lời «{group}».',
    en: 'The survey has no respondent group “{group}”.',
  },
  'paper-unit-unknown': { vi: 'Bộ câu hỏi không có đơn vị «{unit}».', en: 'The survey has no unit “{unit}”.' },
}
