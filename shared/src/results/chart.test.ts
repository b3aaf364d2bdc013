import { describe, expect, it } from 'vitest'
import { domainChartSvg, packNumber } from './chart.ts'
import { wrapWords, wrapWordsInto } from './wrap.ts'
import type { ScorecardDomain } from './scorecard.ts'

const domains: ScorecardDomain[] = [
  { id: '1', label: 'Thủ tục hành chính', max: 16, points: 8, province: 4 },
  { id: '2', label: 'Cải cách <tổ chức> & “bộ máy”', max: 10, points: 10, province: null },
]
const legend = { unit: 'Đơn vị', province: 'Trung bình tỉnh' }
/** The drawn bars as [width, fill] in document order. */
const bars = (svg: string) =>
  [...svg.matchAll(/<rect x="360" y="[\d.]+" width="([\d.]+)" height="14" fill="(#[0-9a-f]+)"\/>/g)].map((m) => [
    Number(m[1]),
    m[2],
  ])

describe('domainChartSvg (the printed scorecard’s chart)', () => {
  it('draws per domain the unit’s bar and the province average’s, as shares of the domain’s maximum', () => {
    const { svg, width, height } = domainChartSvg({ domains }, 'vi', legend)
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    expect(svg).toContain(`viewBox="0 0 ${width} ${height}"`)
    // Bars are 490 units long at the maximum: 8/16 → 245, 4/16 → 122.5, 10/10 → 490; no average for domain 2.
    expect(bars(svg)).toEqual([
      [245, '#0f5132'],
      [122.5, '#9e9e9e'],
      [490, '#0f5132'],
    ])
    expect(svg).toContain('>8,00 / 16,00<')
    expect(svg).toContain('>4,00 / 16,00<')
    expect(svg).toContain('>10,00 / 10,00<')
  })

  it('escapes the labels and writes the legend in the caller’s words', () => {
    const { svg } = domainChartSvg({ domains }, 'en', legend)
    expect(svg).toContain('2. Cải cách &lt;tổ chức&gt; &amp; “bộ máy”')
    expect(svg).not.toContain('<tổ chức>')
    expect(svg).toContain('>Trung bình tỉnh</text>')
    expect(svg).toContain('>8.00 / 16.00<')
  })

  it('keeps bars inside the chart for a figure above the maximum and grows with the domains', () => {
    const over = domainChartSvg({ domains: [{ ...domains[0]!, points: 20 }] }, 'vi', legend)
    expect(bars(over.svg)[0]).toEqual([490, '#0f5132'])
    expect(domainChartSvg({ domains }, 'vi', legend).height).toBeGreaterThan(over.height)
  })

  it('writes numbers with 2 decimals and a decimal comma in Vietnamese', () => {
    expect(packNumber(5.25, 'vi')).toBe('5,25')
    expect(packNumber(5.25, 'en')).toBe('5.25')
  })

  it('writes a long domain name whole on up to three lines instead of cutting it', () => {
    const long = 'Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội'
    const { svg } = domainChartSvg({ domains: [{ ...domains[0]!, id: '8', label: long }] }, 'vi', legend)
    const lines = [...svg.matchAll(/<tspan [^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1])
    expect(lines.length).toBeGreaterThan(1)
    expect(lines.join(' ')).toBe(`8. ${long}`)
  })

  it('puts the province’s key after a long unit name’s key', () => {
    const keyX = (svg: string, text: string) =>
      Number(new RegExp(`<text x="([\\d.]+)" y="[\\d.]+" font-size="12">${text}</text>`).exec(svg)![1])
    const unit = 'Ban Quản lý Khu kinh tế ven biển Sơn Hà'
    const { svg } = domainChartSvg({ domains }, 'vi', { unit, province: 'Bình quân tỉnh' })
    expect(keyX(svg, 'Bình quân tỉnh') - keyX(svg, unit)).toBeGreaterThan(unit.length * 7)
  })
})

describe('wrapWords', () => {
  it('breaks between words, keeps every word, and marks what a line budget cuts', () => {
    const text = 'Xây dựng và phát triển chính quyền điện tử, chính quyền số'
    const lines = wrapWords(text, 20)
    expect(lines.join(' ')).toBe(text)
    expect(lines.every((l) => l.length <= 20)).toBe(true)
    expect(wrapWords('Cải cách thể chế', 20)).toEqual(['Cải cách thể chế'])
    const two = wrapWordsInto(text, 20, 2)
    expect(two).toHaveLength(2)
    expect(two[1]!.endsWith('…')).toBe(true)
    expect(wrapWordsInto(text, 20, 5)).toEqual(lines)
  })
})
