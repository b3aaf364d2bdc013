import type { Catalogue } from './index.ts'

/** Plain reasons of the data-quality flags (server/src/quality), shown to supervisors and analysts. */
export const qualityMessages: Catalogue = {
  'quality-straight-lining': {
    vi: 'Chọn cùng vị trí phương án (thứ {position}) ở {same}/{answered} câu hỏi tính điểm ({share}%).',
    en: 'Picked the same option position (no. {position}) on {same} of {answered} scored questions ({share}%).',
  },
  'quality-fast-interview': {
    vi: 'Phỏng vấn trong {duration}, dưới 1/3 trung vị {median} của nhóm này ({count} phiếu).',
    en: 'Interview took {duration}, under a third of the median {median} for this group ({count, plural, one {{count} response} other {{count} responses}}).',
  },
  'quality-surveyor-outlier': {
    vi: 'Điểm trung bình phiếu của điều tra viên {surveyor} là {mean} (n={n}), của các điều tra viên khác là {othersMean} (n={othersN}); chênh {difference}, hơn {limit} sai số chuẩn ({z}).',
    en: 'Surveyor {surveyor} averages {mean} per response (n={n}) against {othersMean} for the other surveyors (n={othersN}): a gap of {difference}, more than {limit} standard errors ({z}).',
  },
  'quality-duplicate-serial': {
    vi: 'Số phiếu giấy "{serial}" được nhập {count} lần với các mã phiếu khác nhau.',
    en: 'Paper serial "{serial}" was keyed in {count, plural, one {once} other {{count} times}} under different response ids.',
  },
  'quality-pending-conflict': {
    vi: 'Phiếu {responseId} được gửi lại với nội dung khác lúc {receivedAt}; đang chờ giám sát viên xem xét.',
    en: 'Response {responseId} was sent again with different content at {receivedAt}; waiting for a supervisor.',
  },
  'quality-outside-round': {
    vi: '{count} phiếu bắt đầu hoặc hoàn thành ngoài đợt khảo sát ({opens} – {closes}); thời gian trên phiếu từ {first} đến {last}.',
    en: 'Started or submitted outside the survey round ({opens} – {closes}): {count}, with times from {first} to {last}.',
  },
  'quality-future-time': {
    vi: '{count} phiếu ghi thời gian muộn hơn lúc máy chủ nhận phiếu (muộn nhất {last}): đồng hồ của máy gửi có thể sai.',
    en: 'Times later than when the server received them: {count} (latest {last}); the sending device’s clock may be wrong.',
  },
  'quality-before-publication': {
    vi: '{count} phiếu bắt đầu trước khi phiên bản {version} của bộ câu hỏi được công bố ({published}); sớm nhất {first}.',
    en: 'Started before version {version} of the survey was published ({published}): {count}, the earliest at {first}.',
  },
  'quality-submitted-before-started': {
    vi: '{count} phiếu có giờ hoàn thành trước giờ bắt đầu.',
    en: 'Submitted before they were started: {count}.',
  },
}
