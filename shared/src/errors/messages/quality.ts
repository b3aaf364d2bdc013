import type { Catalogue } from './index.ts'

/** Plain reasons of the data-quality flags (server/src/quality), shown to supervisors and analysts. */
export const qualityMessages: Catalogue = {
  'quality-straight-lining': {
    vi: 'Chọn cùng vị trí phương án (thứ {position}) ở {same}/{answered} câu hỏi tính điểm ({share}%).',
    en: 'Picked the same option position (no. {position}) on {same} of {answered} scored questions ({share}%).',
  },
  'quality-fast-interview': {
    vi: 'Phỏng vấn trong {duration}, dưới 1/3 trung vị {median} của nhóm này ({count} phiếu).',
    en: 'Interview took {duration}, under a third of the median {median} for this group ({count} responses).',
  },
  'quality-surveyor-outlier': {
    vi: 'Điểm trung bình phiếu của điều tra viên {surveyor} là {mean} (n={n}), của các điều tra viên khác là {othersMean} (n={othersN}); chênh {difference}, hơn {limit} sai số chuẩn ({z}).',
    en: 'Surveyor {surveyor} averages {mean} per response (n={n}) against {othersMean} for the other surveyors (n={othersN}): a gap of {difference}, more than {limit} standard errors ({z}).',
  },
  'quality-duplicate-serial': {
    vi: 'Số phiếu giấy "{serial}" được nhập {count} lần với các mã phiếu khác nhau.',
    en: 'Paper serial "{serial}" was keyed in {count} times under different response ids.',
  },
  'quality-pending-conflict': {
    vi: 'Phiếu {responseId} được gửi lại với nội dung khác lúc {receivedAt}; đang chờ giám sát viên xem xét.',
    en: 'Response {responseId} was sent again with different content at {receivedAt}; waiting for a supervisor.',
  },
}
