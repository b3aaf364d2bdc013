import type { Catalogue } from './index.ts'

/** Messages about survey rounds set in the app. */
export const roundsMessages: Catalogue = {
  'survey-id-not-found': {
    vi: 'Không có phiếu khảo sát "{id}".',
    en: 'There is no survey "{id}".',
  },
  'round-invalid-date': {
    vi: 'Ngày "{value}" không hợp lệ: hãy nhập theo dạng năm-tháng-ngày, ví dụ 2026-10-01.',
    en: 'The date "{value}" is not valid: write it as year-month-day, e.g. 2026-10-01.',
  },
  'round-order': {
    vi: 'Ngày kết thúc ({closes}) phải sau hoặc trùng ngày bắt đầu ({opens}).',
    en: 'The closing day ({closes}) must not be before the opening day ({opens}).',
  },
  'round-closed': {
    vi: 'Đợt khảo sát của phiếu "{surveyId}" đã kết thúc ngày {closes}. Hãy gia hạn đợt khảo sát (Quản trị → Bộ câu hỏi) nếu cần.',
    en: 'The round of survey "{surveyId}" closed on {closes}. Extend the round (Administration → Surveys) if needed.',
  },
}
