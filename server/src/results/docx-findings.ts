import type { Paragraph } from 'docx'
import { packNumber, type ResultsPack } from '@parsurvey/shared'
import { heading, paragraph } from './docx-parts.ts'
import { wordsFor } from './words.ts'

/** A gap between groups (in percentage points of the score) that a report mentions. */
const NOTABLE_GAP = 0.1

/** Sections 3–6 of the draft report: weakest criteria, group differences, data quality, adjustments. */
export function findingsParagraphs(pack: ResultsPack): Paragraph[] {
  const w = wordsFor(pack)
  const num = (value: number) => packNumber(value, pack.locale)
  const q = pack.quality
  const gaps = pack.groupGaps.filter((g) => g.gap >= NOTABLE_GAP).slice(0, 3)
  const adjustments = pack.rows.flatMap((r) =>
    r.adjustmentItems.map((a) =>
      w('adjustment-item', {
        unit: r.name,
        points: a.points > 0 ? `+${num(a.points)}` : num(a.points),
        reason: a.reason,
      }),
    ),
  )
  return [
    heading(w('heading-weakest')),
    ...(pack.weakest.length === 0
      ? [paragraph(w('weakest-none'))]
      : pack.weakest.map((c) =>
          paragraph(
            `• ${w('weakest-item', {
              criterion: `${c.criterionId} ${c.label}`,
              domain: c.domainLabel,
              mean: num(c.meanPoints),
              max: num(c.maxPoints),
              percent: num(c.meanFraction * 100),
              units: c.units,
            })}`,
          ),
        )),
    heading(w('heading-groups')),
    ...(gaps.length === 0
      ? [paragraph(w('group-none'))]
      : gaps.map((g) =>
          paragraph(
            `• ${w('group-item', {
              domain: `${g.domainId}. ${g.label}`,
              gap: num(g.gap * 100),
              groups: g.groups.map((x) => `${x.label} ${num(x.mean * 100)} %, n = ${x.n}`).join('; '),
            })}`,
          ),
        )),
    heading(w('heading-quality')),
    paragraph(
      w('quality-paragraph', {
        responses: q.responses,
        expected: q.expected,
        percent: q.expected > 0 ? num((q.responses / q.expected) * 100) : '—',
        below: q.unitsBelowQuota,
        empty: q.unitsWithoutResponses,
        insufficient: q.insufficientLeaves,
        zeroed: q.zeroed,
        filled: q.filledByMean,
        leftOut: q.leftOut,
        rule: w(`rule-${pack.missing}`),
      }),
    ),
    paragraph(
      q.groups
        .map((g) => w('quality-group', { group: g.label, responses: g.responses, expected: g.expected }))
        .join('; '),
    ),
    heading(w('heading-adjustments')),
    ...(adjustments.length === 0 ? [paragraph(w('adjustments-none'))] : adjustments.map((a) => paragraph(`• ${a}`))),
  ]
}
