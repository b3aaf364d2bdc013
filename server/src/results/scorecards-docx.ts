import { Document, HeadingLevel, ImageRun, Packer, Paragraph, TextRun, type ISectionOptions } from 'docx'
import { domainChartSvg, packNumber, type Scorecard, type Scorecards } from '@parsurvey/shared'
import { svgToPng } from './chart-png.ts'
import { docxTable, FONT, heading, paragraph, PORTRAIT_SIDE_MARGIN } from './docx-parts.ts'
import { wordsFor } from './words.ts'

/** Width of the domain chart on the A4 page, in pixels at 96 dpi (the text width is ~680). */
const CHART_WIDTH = 600
const RULE_KINDS = ['zero', 'province-mean', 'left-out', 'not-applicable'] as const

/**
 * The scorecards (Word): one A4 portrait page per unit in rank order, what a Home Affairs office
 * sends each unit with its results: its figures, its domains against the province average (table
 * and chart), its weakest criteria, its responses per group and what the rules did where data
 * was missing. Each unit is its own section, so each starts on a new page.
 */
export async function scorecardsDocument(cards: Scorecards): Promise<Buffer> {
  const w = wordsFor(cards)
  const sections = await Promise.all(cards.cards.map((card) => cardSection(cards, card)))
  const document = new Document({
    creator: 'parsurvey',
    title: `${w('card-title', { year: cards.year })}: ${cards.title}`,
    styles: { default: { document: { run: { font: FONT, size: 20 } } } },
    sections,
  })
  return Packer.toBuffer(document)
}

async function cardSection(cards: Scorecards, card: Scorecard): Promise<ISectionOptions> {
  const w = wordsFor(cards)
  const num = (value: number) => packNumber(value, cards.locale)
  const { row } = card
  const chart = domainChartSvg(card, cards.locale, { unit: row.name, province: w('card-province') })
  const png = await svgToPng(chart.svg)
  const rank = row.rank === null ? w('card-unranked') : w('card-rank', { rank: row.rank, of: cards.ranked })
  const figures = docxTable(
    cards,
    [w('self-points'), w('survey-points'), w('adjustments'), w('total'), w('percent'), w('class')],
    [[row.selfAssessment, row.surveyPoints, row.adjustments, row.total, row.percent, row.classificationLabel]],
    -1,
  )
  const domains = docxTable(
    cards,
    [w('card-domain'), w('points'), w('card-province')],
    card.domains.map((d) => [`${d.id}. ${d.label} (${w('max', { max: num(d.max) })})`, d.points, d.province]),
    // Domain names run to ~90 characters: most of the width, so that each takes one or two lines.
    [64, 18, 18],
  )
  const groups = docxTable(
    cards,
    [w('card-group'), w('responses'), w('card-expected'), w('card-below')],
    card.groups.map((g) => [
      g.label,
      String(g.responses),
      String(g.expected),
      g.belowMinCell.length === 0 ? '—' : `${g.belowMinCell.map((c) => c.questionId).join(', ')} (< ${g.minCell})`,
    ]),
    [36, 12, 12, 40],
  )
  const rules = RULE_KINDS.filter((k) => card.rules[k].length > 0).map(
    (k) => `${w(`notes-${k}`)}: ${card.rules[k].join(', ')}`,
  )
  const adjustments = row.adjustmentItems.map(
    (a) => `${a.points > 0 ? `+${num(a.points)}` : num(a.points)} — ${a.reason}`,
  )
  return {
    properties: {
      page: { margin: { top: 720, bottom: 720, left: PORTRAIT_SIDE_MARGIN, right: PORTRAIT_SIDE_MARGIN } },
    },
    children: [
      paragraph(`${cards.title} · ${w('card-title', { year: cards.year })}`, true),
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: row.name, font: FONT })] }),
      new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: rank, bold: true })] }),
      figures,
      heading(w('card-domains'), HeadingLevel.HEADING_3),
      domains,
      new Paragraph({
        children: [
          new ImageRun({
            type: 'png',
            data: png,
            transformation: { width: CHART_WIDTH, height: Math.round((chart.height / chart.width) * CHART_WIDTH) },
            altText: { name: 'chart', title: w('card-chart-alt'), description: w('card-chart-alt') },
          }),
        ],
      }),
      heading(w('card-weakest'), HeadingLevel.HEADING_3),
      ...(card.weakest.length === 0
        ? [paragraph(w('card-weakest-none'))]
        : card.weakest.map((c) =>
            paragraph(
              `• ${w('card-weakest-item', {
                criterion: `${c.criterionId} ${c.label}`,
                domain: c.domainLabel,
                points: num(c.points),
                max: num(c.maxPoints),
                percent: num(c.fraction * 100),
              })}`,
            ),
          )),
      heading(w('card-groups'), HeadingLevel.HEADING_3),
      groups,
      ...(rules.length === 0
        ? []
        : [heading(w('card-rules'), HeadingLevel.HEADING_3), ...rules.map((r) => paragraph(r))]),
      ...(adjustments.length === 0
        ? []
        : [heading(w('adjustments'), HeadingLevel.HEADING_3), ...adjustments.map((a) => paragraph(`• ${a}`))]),
    ],
  }
}
