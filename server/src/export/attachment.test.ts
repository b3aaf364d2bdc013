import { describe, expect, it } from 'vitest'
import { attachment } from './attachment.ts'

describe('attachment', () => {
  it('keeps an ASCII name as is', () => {
    expect(attachment('par-2025-v1-scores.csv')).toBe(
      `attachment; filename="par-2025-v1-scores.csv"; filename*=UTF-8''par-2025-v1-scores.csv`,
    )
  })

  it('gives a Vietnamese name an ASCII fallback and the exact name encoded', () => {
    expect(attachment('phiếu-đánh-giá.csv')).toBe(
      `attachment; filename="phieu-danh-gia.csv"; filename*=UTF-8''phi%E1%BA%BFu-%C4%91%C3%A1nh-gi%C3%A1.csv`,
    )
  })
})
