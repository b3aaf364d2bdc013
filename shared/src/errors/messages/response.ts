import type { Catalogue } from './index.ts'

/** Messages of response validation (codes start with `response-`). */
export const responseMessages: Catalogue = {
  // The `generate` command.
  'response-generate-usage': {
    vi: 'cách dùng: pnpm parsurvey generate --survey TỆP --count N [--seed S] [--today NĂM-THÁNG-NGÀY]   (ghi JSON Lines ra stdout)',
    en: 'usage: pnpm parsurvey generate --survey FILE --count N [--seed S] [--today YYYY-MM-DD]   (writes JSON Lines to stdout)',
  },
  'response-generate-bad-today': {
    vi: '--today phải là một ngày dạng năm-tháng-ngày, ví dụ 2026-11-15, không phải "{today}".',
    en: '--today must be a date written year-month-day, e.g. 2026-11-15, not "{today}".',
  },
  'response-generate-bad-count': {
    vi: '--count phải là số nguyên từ 0 đến {max}, không phải "{count}".',
    en: '--count must be a whole number from 0 to {max}, not "{count}".',
  },
  'response-generate-write-failed': {
    vi: 'Không ghi được kết quả: {detail}',
    en: 'Cannot write the output: {detail}',
  },
  // Validating a response.
  'response-not-object': {
    vi: 'Phiếu trả lời phải là một đối tượng JSON.',
    en: 'A response must be a JSON object.',
  },
  'response-required-field': {
    vi: 'Phiếu trả lời thiếu trường bắt buộc "{field}".',
    en: 'The response is missing the required field "{field}".',
  },
  'response-invalid-field': {
    vi: 'Trường "{field}" của phiếu trả lời không hợp lệ: {reason}',
    en: 'Field "{field}" of the response is not valid: {reason}',
  },
  'response-reserved-answer-key': {
    vi: 'Câu trả lời dùng khóa "{key}" là tên dành riêng của hệ thống, không thể là mã câu hỏi.',
    en: 'The answers use the key "{key}", a reserved name that cannot be a question id.',
  },
  'response-too-many-answers': {
    vi: 'Phiếu có {count} câu trả lời, vượt quá giới hạn {limit}.',
    en: 'The response has {count} answers, more than the limit of {limit}.',
  },
  'response-survey-mismatch': {
    vi: 'Phiếu thuộc bộ câu hỏi khác: "{field}" là {received}, cần {expected}. Hãy tải lại bộ câu hỏi mới.',
    en: 'The response belongs to another survey: "{field}" is {received}, expected {expected}. Reload the current survey.',
  },
  'response-unknown-unit': {
    vi: 'Đơn vị "{unitId}" không có trong bộ câu hỏi.',
    en: 'Unit "{unitId}" is not part of this survey.',
  },
  'response-unknown-group': {
    vi: 'Nhóm đối tượng "{groupId}" không có trong bộ câu hỏi.',
    en: 'Group "{groupId}" is not part of this survey.',
  },
  'response-unknown-location': {
    vi: 'Địa bàn "{locationId}" không thuộc đơn vị "{unitId}".',
    en: 'Location "{locationId}" does not belong to unit "{unitId}".',
  },
  'response-location-required': {
    vi: 'Nhóm "{groupId}" được khảo sát theo địa bàn: hãy chọn xã/phường.',
    en: 'Group "{groupId}" is surveyed per location: choose the commune or ward.',
  },
  'response-unknown-question': {
    vi: 'Câu hỏi "{questionId}" không có trong bộ câu hỏi.',
    en: 'Question "{questionId}" is not part of this survey.',
  },
  'response-question-not-for-group': {
    vi: 'Câu hỏi "{questionId}" không dành cho nhóm "{groupId}".',
    en: 'Question "{questionId}" is not asked of group "{groupId}".',
  },
  'response-unknown-option': {
    vi: '"{value}" không phải là phương án trả lời của câu hỏi "{questionId}".',
    en: '"{value}" is not an option of question "{questionId}".',
  },
  'response-serial-not-paper': {
    vi: 'Chỉ phiếu giấy mới có số sê-ri; phiếu này được thu qua hình thức "{channel}".',
    en: 'Only paper responses carry a serial number; this one came through "{channel}".',
  },
  // Answers of each question type, and the survey's logic.
  'response-wrong-type': {
    vi: 'Câu "{questionId}" nhận câu trả lời kiểu {expected}, nhưng phiếu gửi kiểu khác.',
    en: 'Question "{questionId}" takes an answer of type {expected}, but the response has another type.',
  },
  'response-repeated-option': {
    vi: 'Câu "{questionId}" có một phương án được chọn hai lần.',
    en: 'Question "{questionId}" has an option chosen twice.',
  },
  'response-invalid-date': {
    vi: 'Câu "{questionId}": "{value}" không phải ngày hợp lệ dạng YYYY-MM-DD.',
    en: 'Question "{questionId}": "{value}" is not a valid YYYY-MM-DD date.',
  },
  'response-not-whole': {
    vi: 'Câu "{questionId}" cần số nguyên, không phải {value}.',
    en: 'Question "{questionId}" takes a whole number, not {value}.',
  },
  'response-out-of-range': {
    vi: 'Câu "{questionId}": {value} nằm ngoài khoảng cho phép ({min} đến {max}).',
    en: 'Question "{questionId}": {value} is outside the allowed range ({min} to {max}).',
  },
  'response-note-answered': {
    vi: '"{questionId}" là đoạn ghi chú, không nhận câu trả lời.',
    en: '"{questionId}" is a note and takes no answer.',
  },
  'response-other-not-chosen': {
    vi: 'Phiếu ghi nội dung "Khác" cho câu "{questionId}" nhưng không chọn phương án "Khác".',
    en: 'The response gives an "other" text for question "{questionId}" without choosing "other".',
  },
  'response-other-blank': {
    vi: 'Câu "{questionId}": đã chọn "Khác" thì cần ghi rõ nội dung.',
    en: 'Question "{questionId}": "other" is chosen, so its text must be filled in.',
  },
  'response-not-relevant': {
    vi: 'Câu "{questionId}" không được hỏi với các câu trả lời trước đó (điều kiện hiển thị không thỏa) nên không được có câu trả lời.',
    en: 'Question "{questionId}" is not asked given the earlier answers (its relevant condition is false), so it must have no answer.',
  },
  'response-required-blank': {
    vi: 'Câu "{questionId}" là câu bắt buộc nhưng chưa được trả lời.',
    en: 'Question "{questionId}" is required but has no answer.',
  },
  'response-constraint': {
    vi: 'Câu trả lời của câu "{questionId}" không thỏa điều kiện {constraint}.',
    en: 'The answer to question "{questionId}" does not satisfy {constraint}.',
  },
  'response-constraint-message': {
    vi: 'Câu "{questionId}": {messageVi}',
    en: 'Question "{questionId}": {messageEn}',
  },
}
