import path from 'node:path'
import { check, measure, type Bench } from './harness.ts'
import { measureExport } from './exports.ts'

export const xlsxExport: Bench = {
  name: 'xlsx-export',
  title: 'GET /api/exports/responses-wide.xlsx, 100,000 rows (one per response), streamed',
  async run({ quick, runs, tmpDir, log }) {
    const responses = quick ? 20_000 : 100_000
    const results = await measureExport(path.join(tmpDir, 'data'), 'responses-wide.xlsx', responses, Math.min(runs, 3), log)
    const seconds = measure(`time for ${responses.toLocaleString('en-US')} rows`, 's', results.map((r) => r.seconds))
    const firstByte = measure('time to first byte', 'ms', results.map((r) => r.firstByteMs))
    const growth = measure('server peak RSS growth', 'MB', results.map((r) => r.rssGrowthMb))
    const bound = (10 * responses) / 100_000
    return {
      measures: [seconds, firstByte, growth, measure('size', 'MB', results.map((r) => r.bytes / 2 ** 20))],
      checks: [
        check(`${responses.toLocaleString('en-US')} rows in ≤ ${bound} s`, seconds.median, 'lower', bound, ' s'),
        // Streamed: the first bytes leave long before the end, and memory does not grow with the file.
        check('streamed: first byte within 10% of the total time', (firstByte.median / 1000 / seconds.median) * 100, 'lower', 10, ' %'),
        check('streamed: server peak RSS growth ≤ 100 MB', growth.median, 'lower', 100, ' MB'),
      ],
      notes: [],
    }
  },
}
