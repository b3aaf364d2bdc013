import { makeSurvey } from './fixtures.ts'
import type { Question, Survey } from './schema.ts'

const yesNo = [
  { value: 'yes', label: { vi: 'Có', en: 'Yes' } },
  { value: 'no', label: { vi: 'Không' } },
]

/**
 * `makeSurvey()` plus one citizen question of every type, with skip logic, constraints and an
 * "other" option (none scored, so scores equal those of `makeSurvey()`):
 * - `intro` note; `online` single yes/no, required;
 * - `ways` multiple (web, app, post, other with text), relevant when `online` is yes, at most 2;
 * - `satisfied` single, relevant when `ways` includes web, required;
 * - `visits` whole number 0–50, not 13; `fee` decimal ≥ 0; `visited-on` date from 2020;
 * - `why-not` text, relevant when `online` is no, required.
 */
export function makeTypedSurvey(): Survey {
  const survey = makeSurvey({ id: 'test-2025-typed' })
  const citizen = ['citizen']
  const typed: Question[] = [
    {
      id: 'intro',
      groups: citizen,
      type: 'note',
      text: { vi: 'Phần sau hỏi về dịch vụ công trực tuyến.' },
      options: [],
    },
    {
      id: 'online',
      groups: citizen,
      type: 'choice',
      required: true,
      text: { vi: 'Đã dùng dịch vụ trực tuyến?', en: 'Used online services?' },
      options: yesNo,
    },
    {
      id: 'ways',
      groups: citizen,
      type: 'multiple',
      relevant: "${online} = 'yes'",
      constraint: 'count-selected(.) <= 2',
      constraintMessage: { vi: 'Chọn tối đa 2 cách.', en: 'Pick at most 2.' },
      text: { vi: 'Qua những cách nào?', en: 'Which ways?' },
      options: [
        { value: 'web', label: { vi: 'Cổng dịch vụ công', en: 'Web portal' } },
        { value: 'app', label: { vi: 'Ứng dụng', en: 'App' } },
        { value: 'post', label: { vi: 'Bưu điện', en: 'Post office' } },
        { value: 'other', label: { vi: 'Khác (ghi rõ)', en: 'Other (specify)' }, other: true },
      ],
    },
    {
      id: 'satisfied',
      groups: citizen,
      type: 'choice',
      required: true,
      relevant: "selected(${ways}, 'web')",
      text: { vi: 'Hài lòng với cổng?', en: 'Satisfied with the portal?' },
      options: yesNo,
    },
    {
      id: 'visits',
      groups: citizen,
      type: 'number',
      min: 0,
      max: 50,
      constraint: '. != 13',
      text: { vi: 'Số lần đến', en: 'Visits' },
      options: [],
    },
    {
      id: 'fee',
      groups: citizen,
      type: 'number',
      decimal: true,
      min: 0,
      text: { vi: 'Lệ phí (nghìn đồng)' },
      options: [],
    },
    {
      id: 'visited-on',
      groups: citizen,
      type: 'date',
      constraint: ". >= '2020-01-01'",
      text: { vi: 'Ngày đến', en: 'Date of visit' },
      options: [],
    },
    {
      id: 'why-not',
      groups: citizen,
      type: 'text',
      required: true,
      relevant: "${online} = 'no'",
      text: { vi: 'Vì sao không?', en: 'Why not?' },
      options: [],
    },
  ]
  survey.questions.push(...typed)
  return survey
}
