import type { Group, Option, Question, Survey, Unit } from './schema.ts'

/**
 * A small valid survey for tests and benchmarks. Keep it stable: scoring tests elsewhere rely on
 * these ids and points. Shape:
 * - groups: `leader` (weight 1, minCell 1, quota 3) and `citizen` (weight 1, minCell 2, quota 4)
 * - units: `huyen-a` with locations `xa-1`, `xa-2`; `huyen-b` without locations
 * - criteria: domain "1" → leaves "1.1" (10 points), "1.2" (6 points);
 *   domain "2" → leaf "2.1" (16 points); surveyPoints 32 + selfAssessmentPoints 68
 * - scored questions: q1 → 1.1 [leader, citizen]; q2 → 1.2 [leader]; q3 → 2.1 [leader, citizen];
 *   q4 → 2.1 [citizen], each with options very-good 1, good 0.75, fair 0.5, poor 0, dont-know null
 * - unscored: `age` (profile choice, both groups, options without score), `comment` (text, both)
 *
 * Every call returns a fresh object, so a test may mutate it freely.
 */
export function makeSurvey(overrides: Partial<Survey> = {}): Survey {
  return { ...baseSurvey(), ...overrides }
}

/** The options of every scored question in `makeSurvey()`. */
export function scoredOptions(): Option[] {
  return [
    { value: 'very-good', label: { vi: 'Rất tốt', en: 'Very good' }, score: 1 },
    { value: 'good', label: { vi: 'Tốt', en: 'Good' }, score: 0.75 },
    { value: 'fair', label: { vi: 'Bình thường', en: 'Fair' }, score: 0.5 },
    { value: 'poor', label: { vi: 'Chưa tốt', en: 'Poor' }, score: 0 },
    { value: 'dont-know', label: { vi: 'Không biết', en: "Don't know" }, score: null },
  ]
}

function scoredQuestion(id: string, criterion: string, groups: string[], vi: string, en: string): Question {
  return { id, criterion, groups, text: { vi, en }, type: 'choice', required: true, options: scoredOptions() }
}

function baseSurvey(): Survey {
  const groups: Group[] = [
    { id: 'leader', label: { vi: 'Lãnh đạo', en: 'Leaders' }, weight: 1, minCell: 1, quota: 3, quotaPer: 'unit' },
    { id: 'citizen', label: { vi: 'Người dân', en: 'Citizens' }, weight: 1, minCell: 2, quota: 4, quotaPer: 'unit' },
  ]
  const units: Unit[] = [
    {
      id: 'huyen-a',
      name: { vi: 'Huyện A', en: 'District A' },
      locations: [
        { id: 'xa-1', name: { vi: 'Xã Một', en: 'Commune One' } },
        { id: 'xa-2', name: { vi: 'Xã Hai', en: 'Commune Two' } },
      ],
    },
    { id: 'huyen-b', name: { vi: 'Huyện B', en: 'District B' }, locations: [] },
  ]
  return {
    id: 'test-2025-district',
    version: 1,
    year: 2025,
    unitKind: 'district',
    title: { vi: 'Phiếu thử nghiệm', en: 'Test survey' },
    surveyPoints: 32,
    selfAssessmentPoints: 68,
    dontKnow: 'exclude',
    missing: 'zero',
    classification: [
      { min: 90, id: 'xuat-sac', label: { vi: 'Xuất sắc', en: 'Excellent' } },
      { min: 80, id: 'tot', label: { vi: 'Tốt', en: 'Good' } },
      { min: 70, id: 'kha', label: { vi: 'Khá', en: 'Fair' } },
      { min: 50, id: 'trung-binh', label: { vi: 'Trung bình', en: 'Average' } },
      { min: 0, id: 'yeu', label: { vi: 'Yếu', en: 'Weak' } },
    ],
    groups,
    units,
    criteria: [
      {
        id: '1',
        label: { vi: 'Thủ tục hành chính', en: 'Administrative procedures' },
        children: [
          { id: '1.1', label: { vi: 'Công khai thủ tục', en: 'Publishing procedures' }, maxPoints: 10 },
          { id: '1.2', label: { vi: 'Giải quyết đúng hẹn', en: 'Handling on time' }, maxPoints: 6 },
        ],
      },
      {
        id: '2',
        label: { vi: 'Hiện đại hóa hành chính', en: 'Administrative modernisation' },
        children: [
          { id: '2.1', label: { vi: 'Dịch vụ công trực tuyến', en: 'Online public services' }, maxPoints: 16 },
        ],
      },
    ],
    questions: [
      scoredQuestion(
        'q1',
        '1.1',
        ['leader', 'citizen'],
        'Thủ tục có được niêm yết đầy đủ?',
        'Are procedures fully posted?',
      ),
      scoredQuestion('q2', '1.2', ['leader'], 'Hồ sơ có được trả đúng hẹn?', 'Are files returned on time?'),
      scoredQuestion(
        'q3',
        '2.1',
        ['leader', 'citizen'],
        'Dịch vụ công trực tuyến có dễ dùng?',
        'Are online services easy to use?',
      ),
      scoredQuestion(
        'q4',
        '2.1',
        ['citizen'],
        'Ông/bà có nộp hồ sơ trực tuyến được?',
        'Could you submit files online?',
      ),
      {
        id: 'age',
        groups: ['leader', 'citizen'],
        text: { vi: 'Độ tuổi', en: 'Age' },
        type: 'choice',
        required: false,
        options: [
          { value: 'under-35', label: { vi: 'Dưới 35', en: 'Under 35' } },
          { value: '35-plus', label: { vi: 'Từ 35 trở lên', en: '35 or older' } },
        ],
      },
      {
        id: 'comment',
        groups: ['leader', 'citizen'],
        text: { vi: 'Góp ý khác', en: 'Other comments' },
        type: 'text',
        required: false,
        options: [],
      },
    ],
  }
}
