import { makeSurvey, scoredOptions } from '../survey/fixtures.ts'
import type { Survey } from '../survey/schema.ts'

/**
 * A small department survey for register tests: three departments, two official groups (and
 * citizens, surveyed per location, who cannot be on a register).
 */
export function makeRegisterSurvey(overrides: Partial<Survey> = {}): Survey {
  const base = makeSurvey()
  const question = (id: string, criterion: string, groups: string[]) => ({
    id,
    criterion,
    groups,
    text: { vi: `Câu hỏi ${id}`, en: `Question ${id}` },
    type: 'choice' as const,
    required: true,
    options: scoredOptions(),
  })
  return {
    ...base,
    id: 'test-2026-department',
    year: 2026,
    unitKind: 'department',
    groups: [
      { id: 'delegate', label: { vi: 'Đại biểu HĐND tỉnh' }, weight: 1, minCell: 1, quota: 3, quotaPer: 'unit' },
      {
        id: 'dept-leader',
        label: { vi: 'Lãnh đạo sở, ban, ngành' },
        weight: 1,
        minCell: 1,
        quota: 3,
        quotaPer: 'unit',
      },
      { id: 'citizen', label: { vi: 'Người dân' }, weight: 1, minCell: 2, quota: 4, quotaPer: 'location' },
    ],
    units: [
      { id: 'so-noi-vu', name: { vi: 'Sở Nội vụ' }, locations: [{ id: 'p-1', name: { vi: 'Phường 1' } }] },
      { id: 'so-tai-chinh', name: { vi: 'Sở Tài chính' }, locations: [{ id: 'p-2', name: { vi: 'Phường 2' } }] },
      { id: 'so-y-te', name: { vi: 'Sở Y tế' }, locations: [{ id: 'p-3', name: { vi: 'Phường 3' } }] },
    ],
    questions: [
      question('q1', '1.1', ['delegate', 'dept-leader', 'citizen']),
      question('q2', '1.2', ['delegate', 'dept-leader']),
      question('q3', '2.1', ['delegate', 'citizen']),
    ],
    ...overrides,
  }
}
