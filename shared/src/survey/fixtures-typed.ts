import { makeSurvey } from './fixtures.ts'
import type { AnswerValue } from '../response/schema.ts'
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

type Answers = Record<string, AnswerValue>

/** The answers every response to `makeTypedSurvey()` gives its three scored questions. */
export const TYPED_BASE_ANSWERS: Answers = { q1: 'good', q3: 'fair', q4: 'poor' }

/** A response to `makeTypedSurvey()` answering every type (on top of TYPED_BASE_ANSWERS). */
export const TYPED_VALID_ANSWERS: Answers = {
  online: 'yes',
  ways: ['web', 'other'],
  'ways:other': 'Qua Zalo',
  satisfied: 'no',
  visits: 3,
  fee: 12.5,
  'visited-on': '2024-02-29',
}

/**
 * One refusal of each kind the rules of `makeTypedSurvey()` make (on top of TYPED_BASE_ANSWERS):
 * why, the answers, and the first issue's code and field — what the rule's tests and the sync
 * route's receipts both check.
 */
export const TYPED_REFUSALS: { why: string; answers: Answers; code: string; field: string }[] = [
  {
    why: 'asked only when online is yes',
    answers: { online: 'no', 'why-not': 'x', ways: ['app'] },
    code: 'response-not-relevant',
    field: 'answers.ways',
  },
  {
    why: 'the survey’s constraint, with its message',
    answers: { online: 'yes', ways: ['web', 'app', 'post'], satisfied: 'yes' },
    code: 'response-constraint-message',
    field: 'answers.ways',
  },
  {
    why: '. != 13',
    answers: { online: 'no', 'why-not': 'x', visits: 13 },
    code: 'response-constraint',
    field: 'answers.visits',
  },
  {
    why: 'a number sent as text',
    answers: { online: 'no', 'why-not': 'x', visits: '3' },
    code: 'response-wrong-type',
    field: 'answers.visits',
  },
  {
    why: 'relevant and required, left blank',
    answers: { online: 'yes', ways: ['web'] },
    code: 'response-required-blank',
    field: 'answers.satisfied',
  },
  {
    why: 'an answer to a note',
    answers: { online: 'no', 'why-not': 'x', intro: 'hi' },
    code: 'response-note-answered',
    field: 'answers.intro',
  },
]
