import type { Catalogue } from './index.ts'

/** Messages of question types and expressions in survey definitions (codes start with `survey-`). */
export const surveyLogicMessages: Catalogue = {
  'survey-options-not-allowed': {
    vi: '{path}: câu hỏi "{id}" loại {type} không có phương án trả lời; hãy bỏ options.',
    en: '{path}: question "{id}" of type {type} takes no options; remove them.',
  },
  'survey-other-twice': {
    vi: '{path}: câu hỏi "{id}" chỉ được có một phương án "Khác (ghi rõ)" (other: true).',
    en: '{path}: question "{id}" may have only one "other, specify" option (other: true).',
  },
  'survey-key-not-for-type': {
    vi: '{path}: khóa "{key}" không dùng cho câu hỏi "{id}" loại {type}.',
    en: '{path}: "{key}" does not apply to question "{id}" of type {type}.',
  },
  'survey-min-above-max': {
    vi: '{path}: câu hỏi "{id}" có min ({min}) lớn hơn max ({max}).',
    en: '{path}: question "{id}" has min ({min}) above max ({max}).',
  },
  'survey-message-without-constraint': {
    vi: '{path}: câu hỏi "{id}" có thông báo ràng buộc nhưng chưa có điều kiện ràng buộc (constraint).',
    en: '{path}: question "{id}" has a constraint message but no constraint.',
  },
  'survey-expression-syntax': {
    vi: '{path}: biểu thức sai cú pháp ở ký tự thứ {column}: {detail}',
    en: '{path}: expression syntax error at character {column}: {detail}',
  },
  'survey-expression-unsupported': {
    vi: "{path}: biểu thức dùng phần không được hỗ trợ ({detail}); chỉ dùng ${câu}, =, !=, <, <=, >, >=, and, or, not(), selected(), count-selected(), số và 'chuỗi'.",
    en: "{path}: the expression uses something not supported ({detail}); use only ${question}, =, !=, <, <=, >, >=, and, or, not(), selected(), count-selected(), numbers and 'texts'.",
  },
  'survey-expression-unknown-question': {
    vi: '{path}: biểu thức nhắc đến câu hỏi "${{name}}" (ký tự thứ {column}) không có trong bộ câu hỏi.',
    en: '{path}: the expression refers to "${{name}}" (character {column}), which is not a question of this survey.',
  },
  'survey-expression-current-in-relevant': {
    vi: '{path}: dấu "." (câu trả lời đang kiểm tra, ký tự thứ {column}) chỉ dùng được trong constraint, không dùng trong relevant.',
    en: '{path}: "." (the answer being checked, character {column}) belongs in a constraint, not in relevant.',
  },
  'survey-relevance-cycle': {
    vi: '{path}: điều kiện hiển thị (relevant) phụ thuộc vòng tròn: {cycle}.',
    en: '{path}: the relevant conditions depend on each other in a circle: {cycle}.',
  },
}
