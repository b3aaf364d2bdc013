import { Document, HeadingLevel, ImageRun, Packer, PageOrientation, Paragraph } from 'docx'
import { packNumber, rankingChartSvg, type ResultsPack } from '@parsurvey/shared'
import { svgToPng } from './chart-png.ts'
import { findingsParagraphs } from './docx-findings.ts'
import { docxTable, FONT, heading, paragraph } from './docx-parts.ts'
import { totalsColumns, wordsFor } from './words.ts'

/**
 * The draft report (Word): title, what the index measures, the overall table with ranks and
 * classes, the class counts, the ranking chart (PNG rendered from the SVG, no native module),
 * the domain table, the weakest criteria, the group differences, a data-quality paragraph and
 * the bonus/penalty list. A4 landscape, for the office to edit into its report.
 */
export async function resultsDocument(pack: ResultsPack): Promise<Buffer> {
  const w = wordsFor(pack)
  const chart = rankingChartSvg(pack)
  const png = await svgToPng(chart.svg)
  const chartWidth = 880
  const totals = totalsColumns(pack)
  const overall = docxTable(
    pack,
    [w('rank'), w('unit'), ...totals.filter((c) => c.header !== w('rank')).map((c) => c.header)],
    pack.rows.map((r) => [
      r.rank === null ? '—' : String(r.rank),
      r.name,
      ...totals.filter((c) => c.header !== w('rank')).map((c) => c.value(r)),
    ]),
    1,
  )
  const domainTable = docxTable(
    pack,
    [w('unit'), ...pack.domains.map((d) => `${d.id}. ${d.label} (${packNumber(d.surveyMax, pack.locale)})`)],
    pack.rows.map((r) => [
      r.name,
      ...r.domains.map((d) =>
        d.total === null
          ? packNumber(d.survey, pack.locale)
          : `${packNumber(d.survey, pack.locale)} (${packNumber(d.total, pack.locale)})`,
      ),
    ]),
    0,
  )
  const counts = pack.classCounts.map((c) =>
    w('class-summary', { label: c.label, count: c.count, total: pack.classified }),
  )
  const document = new Document({
    creator: 'parsurvey',
    title: `${w('title', { year: pack.year })}: ${pack.title}`,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          paragraph(w('draft'), true),
          heading(w('title', { year: pack.year }), HeadingLevel.TITLE),
          paragraph(pack.title),
          paragraph(
            w('intro', {
              units: pack.rows.length,
              max: pack.surveyPointsMax + pack.selfAssessmentPointsMax,
              self: pack.selfAssessmentPointsMax,
              survey: pack.surveyPointsMax,
            }),
          ),
          heading(w('heading-overall')),
          ...(pack.rankedByTotal ? [] : [paragraph(w('ranked-by-survey'), true)]),
          paragraph(`${w('class-counts')}: ${counts.join('; ')}.`),
          overall,
          heading(w('heading-chart'), HeadingLevel.HEADING_3),
          new Paragraph({
            children: [
              new ImageRun({
                type: 'png',
                data: png,
                transformation: { width: chartWidth, height: Math.round((chart.height / chart.width) * chartWidth) },
                altText: { name: 'chart', title: w('chart-alt'), description: w('chart-alt') },
              }),
            ],
          }),
          heading(w('heading-domains')),
          paragraph(w('domains-note', { self: pack.hasSelfDomains ? w('domains-note-self') : '' }), true),
          domainTable,
          ...findingsParagraphs(pack),
        ],
      },
    ],
  })
  return Packer.toBuffer(document)
}
