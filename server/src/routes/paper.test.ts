import { makeTypedSurvey } from '@parsurvey/shared/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { errorOf, startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp({ surveys: [makeTypedSurvey()] })
})
afterEach(() => t.close())

const paper = (query: string, lang = 'vi') =>
  t.request(`/api/surveys/test-2025-typed/versions/1/paper${query}`, {
    as: 'admin',
    headers: { 'accept-language': lang },
  })

describe('GET /api/surveys/:id/versions/:version/paper', () => {
  it('gives the print page of a group and unit with numbered copies, opened in the tab', async () => {
    const res = await paper('?group=citizen&unit=huyen-a&from=7&count=3')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(/^inline;/)
    const html = await res.text()
    expect([...html.matchAll(/data-serial="(\d+)"/g)].map((m) => m[1])).toEqual(['000007', '000008', '000009'])
    expect(html).toContain('<b>Huyện A</b>')
    expect(html).toContain('Nếu chọn «Không», chuyển sang câu 9.')
  })

  it('gives a PDF to download, in the language asked for', async () => {
    const res = await paper('?format=pdf&lang=en')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="test-2025-typed-v1.pdf"')
    const bytes = Buffer.from(await res.arrayBuffer())
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  })

  it('answers bad input with 400 and a translated message naming the field', async () => {
    const cases: [string, string, RegExp][] = [
      ['?from=abc', 'from', /Số phiếu đầu/],
      ['?from=1&count=5000', 'from', /từ 1 đến 1000/],
      ['?group=nobody', 'group', /không có đối tượng trả lời «nobody»/],
      ['?unit=nowhere', 'unit', /không có đơn vị «nowhere»/],
      ['?format=docx', 'format', /format/],
    ]
    for (const [query, field, message] of cases) {
      const res = await paper(query)
      expect(res.status, query).toBe(400)
      const error = await errorOf(res)
      expect(error.field).toBe(field)
      expect(error.message).toMatch(message)
    }
    const missing = await t.request('/api/surveys/test-2025-typed/versions/9/paper', { as: 'surveyor' })
    expect(missing.status).toBe(404)
  })
})
