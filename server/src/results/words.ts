import { formatMessage, type ResultsPack } from '@parsurvey/shared'

/** The pack's words in its language (shared catalogue, `results-*` codes). */
export function wordsFor(pack: Pick<ResultsPack, 'locale'>) {
  return (code: string, params: Record<string, string | number> = {}) =>
    formatMessage(`results-${code}`, params, pack.locale)
}

/** The columns of the appendix table after the unit, as header text and the row's value. */
export function totalsColumns(pack: ResultsPack) {
  const w = wordsFor(pack)
  const columns: { header: string; value: (r: ResultsPack['rows'][number]) => number | string | null }[] = [
    { header: w('self-points'), value: (r) => r.selfAssessment },
    { header: w('survey-points'), value: (r) => r.surveyPoints },
    { header: w('adjustments'), value: (r) => r.adjustments },
    { header: w('total'), value: (r) => r.total },
    { header: w('percent'), value: (r) => r.percent },
    { header: w('rank'), value: (r) => r.rank },
    { header: w('class'), value: (r) => r.classificationLabel },
  ]
  if (pack.hasPrevious)
    columns.push(
      { header: w('previous'), value: (r) => r.previousTotal },
      { header: w('change'), value: (r) => r.change },
    )
  return columns
}
