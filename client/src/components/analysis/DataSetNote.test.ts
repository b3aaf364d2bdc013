import type { DataSetReply } from '@parsurvey/shared'
import { mount } from '@vue/test-utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { i18n, loadOfficeMessages, setLocale } from '../../i18n/index.ts'
import DataSetNote from './DataSetNote.vue'

const combined: DataSetReply = {
  surveyId: 'par-2025-department',
  year: 2025,
  versions: [1, 2],
  responses: 3012,
  selfAssessment: { surveyVersion: 1, setVersion: 1 },
  separate: [],
}
const apart: DataSetReply = {
  ...combined,
  versions: [1],
  responses: 3000,
  separate: [
    {
      versions: [2],
      responses: 12,
      differences: [{ part: 'question', id: 'q1' }],
      reasons: ['câu hỏi "q1" được chấm điểm khác'],
    },
  ],
}
const note = (dataSet: DataSetReply) => mount(DataSetNote, { props: { dataSet }, global: { plugins: [i18n] } })

describe('DataSetNote', () => {
  beforeAll(() => loadOfficeMessages()) // as the router does before an office page opens
  afterAll(async () => setLocale('vi'))

  it('says which versions and how many responses a year used, in Vietnamese', async () => {
    await setLocale('vi')
    const shown = note(combined)
    expect(shown.get('[data-testid=data-set-used]').text()).toBe('Dữ liệu năm 2025: phiên bản 1 và 2, 3.012 phiếu.')
    expect(shown.findAll('[data-testid=data-set-separate]')).toHaveLength(0)
  })

  it('warns when a version could not be combined, and says why', async () => {
    await setLocale('vi')
    const shown = note(apart)
    expect(shown.get('[data-testid=data-set-used]').text()).toBe('Dữ liệu năm 2025: phiên bản 1, 3.000 phiếu.')
    expect(shown.get('[data-testid=data-set-separate]').text()).toBe(
      'Phiên bản 2 (12 phiếu) không được gộp vào vì cách chấm điểm khác: câu hỏi "q1" được chấm điểm khác.',
    )
  })

  it('speaks English with plurals', async () => {
    await setLocale('en')
    expect(note(combined).get('[data-testid=data-set-used]').text()).toBe(
      'Data of 2025: versions 1 and 2, 3,012 responses.',
    )
    expect(note(apart).get('[data-testid=data-set-separate]').text()).toContain(
      'Version 2 (12 responses) was not combined because it is scored differently',
    )
  })
})
