import type { Catalogue } from './index.ts'

/** Messages of the analyst views' API (scores explained, progress per surveyor and per day, data sets). */
export const analysisMessages: Catalogue = {
  'analysis-unit-not-found': {
    vi: 'Bộ phiếu này không đánh giá đơn vị "{unitId}".',
    en: 'This survey does not assess the unit "{unitId}".',
  },
  // What scoring reads differently in two versions of one survey (survey/scoring-compatibility.ts).
  'scoring-difference-surveyPoints': {
    vi: 'tổng điểm điều tra xã hội học khác nhau',
    en: 'the survey points differ',
  },
  'scoring-difference-selfAssessmentPoints': {
    vi: 'tổng điểm tự đánh giá khác nhau',
    en: 'the self-assessment points differ',
  },
  'scoring-difference-dontKnow': {
    vi: 'cách tính câu trả lời "không biết" khác nhau',
    en: '"don\'t know" answers are counted differently',
  },
  'scoring-difference-missing': {
    vi: 'cách tính tiêu chí không có câu trả lời dùng được khác nhau',
    en: 'criteria without usable answers are scored differently',
  },
  'scoring-difference-classification': {
    vi: 'các mức xếp loại khác nhau',
    en: 'the classification bands differ',
  },
  'scoring-difference-group': {
    vi: 'nhóm đối tượng "{id}" có trọng số hoặc số phiếu tối thiểu khác, hoặc chỉ có ở một phiên bản',
    en: 'respondent group "{id}" has another weight or minimum, or is in one version only',
  },
  'scoring-difference-unit': {
    vi: 'đơn vị "{id}" có tiêu chí không áp dụng khác, hoặc chỉ có ở một phiên bản',
    en: 'unit "{id}" has other criteria that do not apply, or is in one version only',
  },
  'scoring-difference-criterion': {
    vi: 'tiêu chí "{id}" có điểm tối đa hoặc vị trí khác, hoặc chỉ có ở một phiên bản',
    en: 'criterion "{id}" has other maximum points or another place, or is in one version only',
  },
  'scoring-difference-question': {
    vi: 'câu hỏi "{id}" được chấm điểm khác (tiêu chí, nhóm được hỏi, phương án hoặc điểm), hoặc chỉ được chấm ở một phiên bản',
    en: 'question "{id}" is scored differently (criterion, groups asked, options or their scores), or in one version only',
  },
}
