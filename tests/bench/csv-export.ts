import path from 'node:path'
import { check, measure, type Bench } from './harness.ts'
import { measureExport } from './exports.ts'

export const csvExport: Bench = {
  name: 'csv-export',
  title: 'GET /api/exports/responses-long.csv, 1,000,000 answer rows streamed over HTTP',
  async run({ quick, runs, tmpDir, log }) {
    // ~29.5 answers per response: 34,000 responses give about 1,000,000 rows.
    const responses = quick ? 10_000 : 34_000
    const results = await measureExport(path.join(tmpDir, 'data'), 'responses-long.csv', responses, runs, log)
    const rows = results[0]!.rows
    const rate = measure('rows/s', 'rows/s', results.map((r) => r.rows / r.seconds))
    const growth = measure('server peak RSS growth', 'MB', results.map((r) => r.rssGrowthMb))
    return {
      measures: [rate, measure(`time for ${rows.toLocaleString('en-US')} rows`, 's', results.map((r) => r.seconds)), growth, measure('size', 'MB', results.map((r) => r.bytes / 2 ** 20))],
      checks: [check('rows/s ≥ 200,000', rate.median, 'higher', 200_000), check('server peak RSS growth ≤ 100 MB', growth.median, 'lower', 100, ' MB')],
      notes: [],
    }
  },
}
