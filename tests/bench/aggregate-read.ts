import { benchSurvey } from './data.ts'
import { check, measure, percentile, repeat, type Bench, type Measure } from './harness.ts'
import { millionDatabase } from './million.ts'
import { startBenchServer } from './server.ts'

/** Latencies in ms of `n` sequential GETs (one client, keep-alive), each body read in full. */
async function latencies(url: string, cookie: string, n: number): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const start = performance.now()
    const res = await fetch(url, { headers: { cookie } })
    await res.arrayBuffer()
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`)
    out.push(performance.now() - start)
  }
  return out
}

export const aggregateRead: Bench = {
  name: 'aggregate-read',
  title: 'GET /api/scores and /api/progress at 1,000,000 stored responses over 100 units',
  async run({ quick, runs, log }) {
    const survey = benchSurvey()
    const { dataDir, count } = millionDatabase(quick, log)
    const server = await startBenchServer(dataDir, survey)
    try {
      const cookie = await server.cookie('admin')
      const query = `surveyId=${survey.id}&version=${survey.version}`
      const measures: Measure[] = []
      const checks = []
      for (const endpoint of ['scores', 'progress']) {
        const url = `${server.url}/api/${endpoint}?${query}`
        await latencies(url, cookie, 5) // warm-up: statement preparation, JIT
        const samples = await repeat(Math.min(runs, 3), () => latencies(url, cookie, 40))
        const p95 = measure(`${endpoint} p95`, 'ms', samples.map((s) => percentile(s, 95)))
        measures.push(measure(`${endpoint} p50`, 'ms', samples.map((s) => percentile(s, 50))), p95)
        checks.push(check(`${endpoint} p95 ≤ 50 ms at ${count.toLocaleString('en-US')} responses`, p95.median, 'lower', 50, ' ms'))
      }
      return { measures, checks, notes: [] }
    } finally {
      await server.stop()
    }
  },
}
