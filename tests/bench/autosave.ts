import path from 'node:path'
import { openFieldApp } from './field-app.ts'
import { check, measure, pairedRatios, percentile, repeat, type Bench } from './harness.ts'
import { rawDraftWrites } from './raw-idb.ts'

/** The client's measure around "answer tapped → draft committed to IndexedDB" (stores/questionnaire.ts). */
const MEASURE = 'parsurvey:autosave'

export const autosave: Bench = {
  name: 'autosave',
  title: 'tap an answer → draft committed to IndexedDB, in the real app (vs raw IndexedDB puts)',
  async run({ quick, runs, tmpDir }) {
    const taps = quick ? 200 : 500
    const app = await openFieldApp(path.join(tmpDir, 'server'))
    try {
      const { page } = app
      await page.locator('input[type=radio][data-testid^="option-"]').first().waitFor()
      const results = await repeat(Math.min(runs, 3), async () => {
        const app = await page.evaluate(
          async ({ taps, name }) => {
            const radios = Array.from(document.querySelectorAll<HTMLInputElement>('input[type=radio][data-testid^="option-"]'))
            performance.clearMeasures(name)
            // Taps alternate between two options, as a surveyor correcting an answer; each waits for its save.
            for (let i = 0; i < taps; i++) {
              radios[i % 2]!.click()
              while (performance.getEntriesByName(name).length <= i) await new Promise((r) => setTimeout(r, 0))
            }
            return performance.getEntriesByName(name).map((e) => e.duration)
          },
          { taps, name: MEASURE },
        )
        // The ceiling: raw IndexedDB, one awaited put per tap of a draft of the same shape.
        const raw = await rawDraftWrites(page, taps, { answers: 30, commit: false, pauseMs: 0 })
        return { app, raw }
      })
      const p = (key: 'app' | 'raw', q: number) => results.map((r) => percentile(r[key], q))
      const appP95 = measure('app p95', 'ms', p('app', 95))
      return {
        measures: [
          measure('app p50', 'ms', p('app', 50)),
          appP95,
          measure('raw IndexedDB put p50 (ceiling)', 'ms', p('raw', 50)),
          measure('raw IndexedDB put p95 (ceiling)', 'ms', p('raw', 95)),
          measure('app p95 / raw p95', '×', pairedRatios(p('app', 95), p('raw', 95))),
        ],
        checks: [check(`tap → IndexedDB commit p95 ≤ 5 ms (${taps} answers)`, appP95.median, 'lower', 5, ' ms')],
        notes: [],
      }
    } finally {
      await app.close()
    }
  },
}
