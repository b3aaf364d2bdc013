import { createServices, openDatabase } from '@parsurvey/server'
import { rebuildAggregates } from '../../server/src/aggregates/rebuild.ts'
import { benchSurvey } from './data.ts'
import { check, measure, repeat, timed, type Bench } from './harness.ts'
import { millionDatabase } from './million.ts'

export const rebuild: Bench = {
  name: 'rebuild',
  title: 'full recompute of the aggregates from the raw responses (rebuildAggregates)',
  async run({ quick, runs, log }) {
    const survey = benchSurvey()
    const { dbFile, count } = millionDatabase(quick, log)
    const db = openDatabase(dbFile)
    try {
      const services = createServices(db)
      const before = db.prepare('SELECT COUNT(*) FROM agg_cells').pluck().get()
      const times = await repeat(Math.min(runs, 2), async () => {
        const { ms, value } = await timed(() => rebuildAggregates(services, survey))
        if (value.responses !== count) throw new Error(`rebuild saw ${value.responses} responses, expected ${count}`)
        return ms / 1000
      })
      // The same on this thread alone: what the worker threads earn (aggregates/README.md).
      const single = await repeat(Math.min(runs, 2), async () => {
        const { ms } = await timed(() => rebuildAggregates(services, survey, null, { workers: 0 }))
        return ms / 1000
      })
      const after = db.prepare('SELECT COUNT(*) FROM agg_cells').pluck().get()
      if (before !== after) throw new Error(`rebuild changed the number of cells: ${String(before)} → ${String(after)}`)
      const seconds = measure(`rebuild of ${count.toLocaleString('en-US')} responses`, 's', times)
      const rate = measure('responses/s', 'responses/s', times.map((s) => count / s))
      // The target is set for 1,000,000 responses; a quick run scales it down linearly.
      const bound = (10 * count) / 1_000_000
      return {
        measures: [seconds, rate, measure(`one thread: rebuild of ${count.toLocaleString('en-US')} responses`, 's', single), measure('threaded / one thread', '×', times.map((t, i) => t / single[i]!))],
        checks: [check(`${count.toLocaleString('en-US')} responses rebuilt in ≤ ${bound} s`, seconds.median, 'lower', bound, ' s')],
        notes: [],
      }
    } finally {
      db.close()
    }
  },
}
