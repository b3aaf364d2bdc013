import type { Response, Survey } from '@parsurvey/shared'
import type { Draft } from '../storage/storage.ts'

const options = [
  { value: 'good', label: { vi: 'Tốt', en: 'Good' }, score: 1 },
  { value: 'poor', label: { vi: 'Chưa tốt', en: 'Poor' }, score: 0 },
  { value: 'dont-know', label: { vi: 'Không biết', en: "Don't know" }, score: null },
]

/**
 * A small survey for client tests: two domains, a profile question, a comment, and questions
 * asked of one group only. `citizen` counts its quota per location.
 */
export function testSurvey(): Survey {
  return {
    id: 'demo-2025',
    version: 1,
    year: 2025,
    unitKind: 'district',
    title: { vi: 'Phiếu thử', en: 'Demo survey' },
    surveyPoints: 32,
    selfAssessmentPoints: 68,
    dontKnow: 'exclude',
    missing: 'zero',
    classification: [{ min: 0, id: 'yeu', label: { vi: 'Yếu', en: 'Weak' } }],
    groups: [
      { id: 'leader', label: { vi: 'Lãnh đạo', en: 'Leaders' }, weight: 1, minCell: 1, quota: 3, quotaPer: 'unit' },
      {
        id: 'citizen',
        label: { vi: 'Người dân', en: 'Citizens' },
        weight: 1,
        minCell: 2,
        quota: 4,
        quotaPer: 'location',
      },
    ],
    units: [
      {
        id: 'huyen-a',
        name: { vi: 'Huyện A', en: 'District A' },
        locations: [{ id: 'xa-1', name: { vi: 'Xã Một', en: 'Commune One' } }],
      },
      { id: 'huyen-b', name: { vi: 'Huyện B', en: 'District B' }, locations: [] },
    ],
    criteria: [
      {
        id: '1',
        label: { vi: 'Công tác chỉ đạo', en: 'Direction' },
        children: [{ id: '1.1', label: { vi: 'Kế hoạch', en: 'Plan' }, maxPoints: 16 }],
      },
      {
        id: '2',
        label: { vi: 'Thủ tục hành chính', en: 'Procedures' },
        children: [{ id: '2.1', label: { vi: 'Công khai', en: 'Openness' }, maxPoints: 16 }],
      },
    ],
    questions: [
      {
        id: 'age',
        groups: ['leader', 'citizen'],
        text: { vi: 'Tuổi', en: 'Age' },
        type: 'choice',
        options: [
          { value: 'young', label: { vi: 'Dưới 30', en: 'Under 30' } },
          { value: 'old', label: { vi: 'Từ 30', en: '30 or more' } },
        ],
      },
      {
        id: 'q1',
        criterion: '1.1',
        groups: ['leader', 'citizen'],
        text: { vi: 'Câu một', en: 'Question one' },
        type: 'choice',
        options,
      },
      {
        id: 'q2',
        criterion: '1.1',
        groups: ['leader'],
        text: { vi: 'Câu hai', en: 'Question two' },
        type: 'choice',
        options,
      },
      {
        id: 'q3',
        criterion: '2.1',
        groups: ['citizen', 'leader'],
        text: { vi: 'Câu ba', en: 'Question three' },
        type: 'choice',
        options,
      },
      { id: 'comment', groups: ['leader', 'citizen'], text: { vi: 'Góp ý', en: 'Comment' }, type: 'text', options: [] },
    ],
  }
}

export function testDraft(overrides: Partial<Draft> = {}): Draft {
  return {
    id: crypto.randomUUID(),
    surveyId: 'demo-2025',
    surveyVersion: 1,
    unitId: 'huyen-b',
    groupId: 'leader',
    locationId: null,
    channel: 'field',
    answers: {},
    startedAt: '2025-05-01T08:00:00.000+07:00',
    deviceId: 'device-1',
    cursor: 0,
    updatedAt: '2025-05-01T08:00:00.000+07:00',
    ...overrides,
  }
}

export function testResponse(overrides: Partial<Response> = {}): Response {
  return {
    id: crypto.randomUUID(),
    surveyId: 'demo-2025',
    surveyVersion: 1,
    unitId: 'huyen-b',
    groupId: 'leader',
    locationId: null,
    channel: 'field',
    answers: { q1: 'good' },
    startedAt: '2025-05-01T08:00:00.000+07:00',
    submittedAt: '2025-05-01T08:10:00.000+07:00',
    deviceId: 'device-1',
    ...overrides,
  }
}

/** The JSON a fake server receives in `init.body`, inflated when the client sent it gzipped. */
export async function requestJson(init: RequestInit | undefined): Promise<unknown> {
  const headers = new Headers(init?.headers)
  if (headers.get('content-encoding') !== 'gzip') return JSON.parse(String(init?.body))
  const inflated = new Response(init?.body ?? null).body!.pipeThrough(new DecompressionStream('gzip'))
  return JSON.parse(await new Response(inflated).text())
}
