import type { ResultsPack } from './types.ts'
import type { Scorecard } from './scorecard.ts'
import { wrapWordsInto } from './wrap.ts'

/** Band colours, best first; further bands reuse the last. */
const BAND_COLOURS = ['#1b5e20', '#2e7d32', '#f9a825', '#ef6c00', '#c62828']
const UNRANKED = '#9e9e9e'

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)

/** 2 decimals, with a decimal comma in Vietnamese. */
export const packNumber = (value: number, locale: 'vi' | 'en'): string => {
  const text = value.toFixed(2)
  return locale === 'vi' ? text.replace('.', ',') : text
}

/**
 * The ranking as a horizontal bar chart in SVG: one bar per unit in rank order, its length the
 * total (or the survey points when no unit has a total), coloured by its classification, the
 * value at its end. Text is set in DejaVu Sans, the font the PNG renderer is given.
 */
export function rankingChartSvg(pack: ResultsPack): { svg: string; width: number; height: number } {
  const width = 1000
  const row = 24
  const top = 16
  const labelWidth = 330
  const barMax = width - labelWidth - 90
  const max = pack.rankedByTotal ? pack.surveyPointsMax + pack.selfAssessmentPointsMax : pack.surveyPointsMax
  const colour = new Map(pack.classCounts.map((c, i) => [c.id, BAND_COLOURS[Math.min(i, BAND_COLOURS.length - 1)]!]))
  const bars = pack.rows.map((r, i) => {
    const value = pack.rankedByTotal ? r.total : r.surveyPoints
    const y = top + i * row
    const length = value === null ? 0 : Math.max(0, (value / max) * barMax)
    const fill = r.classification === null ? UNRANKED : (colour.get(r.classification) ?? UNRANKED)
    const name = r.name.length > 38 ? `${r.name.slice(0, 37)}…` : r.name
    const rank = r.rank === null ? '–' : String(r.rank)
    return [
      `<text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end" font-size="13">${escapeXml(`${rank}. ${name}`)}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${length.toFixed(1)}" height="${row - 6}" fill="${fill}"/>`,
      value === null
        ? ''
        : `<text x="${(labelWidth + length + 6).toFixed(1)}" y="${y + 16}" font-size="12">${packNumber(value, pack.locale)}</text>`,
    ].join('')
  })
  const legendY = top + pack.rows.length * row + 14
  const legend = pack.classCounts.map((c, i) => {
    const x = labelWidth + i * 130
    return `<rect x="${x}" y="${legendY}" width="12" height="12" fill="${colour.get(c.id)}"/><text x="${x + 16}" y="${legendY + 11}" font-size="12">${escapeXml(c.label)}</text>`
  })
  const height = legendY + 28
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans">` +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>` +
    `<line x1="${labelWidth}" y1="${top}" x2="${labelWidth}" y2="${legendY - 8}" stroke="#616161"/>` +
    bars.join('') +
    legend.join('') +
    '</svg>'
  return { svg, width, height }
}

/** The unit's bar and the province average's bar in the scorecard chart. */
const UNIT_COLOUR = '#0f5132'
const PROVINCE_COLOUR = '#9e9e9e'

/**
 * A scorecard's domains against the province average as a horizontal bar chart in SVG: per
 * domain two bars, the unit's and the province average's, their length the share of the
 * domain's maximum (domains have different maxima), the points written at the end.
 */
export function domainChartSvg(
  card: Pick<Scorecard, 'domains'>,
  locale: 'vi' | 'en',
  legend: { unit: string; province: string },
): { svg: string; width: number; height: number } {
  const width = 1000
  const bar = 16
  const block = bar * 2 + 14
  const top = 10
  const labelWidth = 360
  const barMax = width - labelWidth - 150
  const rows = card.domains.map((d, i) => {
    const y = top + i * block
    // The full name on up to three lines, centred on the domain's pair of bars.
    const lines = wrapWordsInto(`${d.id}. ${d.label}`, 44, 3)
    const firstY = y + bar + 4 - ((lines.length - 1) * 14) / 2
    const label = lines
      .map((line, i) => `<tspan x="${labelWidth - 8}" y="${firstY + i * 14}">${escapeXml(line)}</tspan>`)
      .join('')
    const one = (value: number | null, dy: number, fill: string) => {
      if (value === null) return ''
      const length = d.max > 0 ? Math.max(0, Math.min(1, value / d.max)) * barMax : 0
      const text = `${packNumber(value, locale)} / ${packNumber(d.max, locale)}`
      return (
        `<rect x="${labelWidth}" y="${y + dy}" width="${length.toFixed(1)}" height="${bar - 2}" fill="${fill}"/>` +
        `<text x="${(labelWidth + length + 6).toFixed(1)}" y="${y + dy + 12}" font-size="12">${text}</text>`
      )
    }
    return (
      `<text text-anchor="end" font-size="13">${label}</text>` +
      one(d.points, 0, UNIT_COLOUR) +
      one(d.province, bar, PROVINCE_COLOUR)
    )
  })
  const legendY = top + card.domains.length * block + 4
  const key = (x: number, fill: string, text: string) =>
    `<rect x="${x}" y="${legendY}" width="12" height="12" fill="${fill}"/><text x="${x + 16}" y="${legendY + 11}" font-size="12">${escapeXml(text)}</text>`
  const height = legendY + 24
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans">` +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>` +
    `<line x1="${labelWidth}" y1="${top}" x2="${labelWidth}" y2="${legendY - 6}" stroke="#616161"/>` +
    rows.join('') +
    key(labelWidth, UNIT_COLOUR, legend.unit) +
    // After the unit's key, however long its name (~7.5 units per character at 12 px).
    key(labelWidth + Math.max(260, 40 + Math.ceil(legend.unit.length * 7.5)), PROVINCE_COLOUR, legend.province) +
    '</svg>'
  return { svg, width, height }
}
