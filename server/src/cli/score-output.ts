import type { Survey, SurveyScores } from '@parsurvey/shared'

/** The JSON contract: `SurveyScores` as is, units in rank order, one line. */
export function scoresToJson(scores: SurveyScores): string {
  return `${JSON.stringify(scores)}\n`
}

type Cell = string | number | null

/**
 * One row per unit with the JSON fields as columns, the leaves as `criterion:<leafId>` columns
 * (tree order) and flags joined by ";". UTF-8 with a BOM and CRLF, which spreadsheet programs
 * open correctly; numbers are plain decimals with a dot; text cells that a spreadsheet would take
 * for a formula are neutralised with a leading apostrophe.
 */
export function scoresToCsv(scores: SurveyScores, survey: Survey): string {
  const leafIds = Object.keys(scores.units[0]?.criteria ?? {})
  const leaves = leafIds.length > 0 ? leafIds : leafIdsOf(survey)
  const header = [
    'unitId',
    'responses',
    'surveyPoints',
    'surveyPointsRounded',
    'selfAssessment',
    'adjustments',
    'total',
    'classification',
    'rank',
    ...leaves.map((id) => `criterion:${id}`),
    'flags',
  ]
  const rows = scores.units.map((u): Cell[] => [
    u.unitId,
    u.responses,
    u.surveyPoints,
    u.surveyPointsRounded,
    u.selfAssessment,
    u.adjustments,
    u.total,
    u.classification,
    u.rank,
    ...leaves.map((id) => u.criteria[id] ?? null),
    u.flags.join(';'),
  ])
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`
}

function leafIdsOf(survey: Survey): string[] {
  const ids: string[] = []
  const visit = (nodes: Survey['criteria']): void => {
    for (const node of nodes) {
      if (node.children && node.children.length > 0) visit(node.children)
      else ids.push(node.id)
    }
  }
  visit(survey.criteria)
  return ids
}

function csvCell(value: Cell): string {
  if (value === null) return ''
  if (typeof value === 'number') return plainDecimal(value)
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** A number without exponent notation: 1e-7 → "0.0000001". */
export function plainDecimal(value: number): string {
  const shortest = String(value)
  if (!/e/i.test(shortest)) return shortest
  const [mantissa = '0', exponent = '0'] = shortest.split(/e/i)
  const decimals = Math.max(0, (mantissa.split('.')[1]?.length ?? 0) - Number(exponent))
  return value.toFixed(Math.min(100, decimals))
}
