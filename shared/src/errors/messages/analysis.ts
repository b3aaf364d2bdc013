import type { Catalogue } from './index.ts'

/** Messages of the analyst views' API (scores explained, progress per surveyor and per day). */
export const analysisMessages: Catalogue = {
  'analysis-unit-not-found': {
    vi: 'Bộ phiếu này không đánh giá đơn vị "{unitId}".',
    en: 'This survey does not assess the unit "{unitId}".',
  },
}
