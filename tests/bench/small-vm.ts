import type { Response, SyncReply } from '@parsurvey/shared'
import fs from 'node:fs'
import path from 'node:path'
import { Pool } from 'undici'
import { benchSurvey, fillDatabase, responses } from './data.ts'
import { check, measure, percentile, repeat, type Bench, type Measure } from './harness.ts'
import { download, processRssMb, sampleRss, startBenchServer } from './server.ts'
import { MEMORY_MB, smallVm } from './vm-limits.ts'

type Run = { idleMb: number; scoresP95: number; exportS: number; ingestPerS: number; peakMb: number }

/** Idle memory, scores p95, a full CSV export and HTTP ingest of one server on a copy of the database. */
async function measureServer(dataDir: string, limits: Parameters<typeof startBenchServer>[2], ingestCount: number, seed: string): Promise<Run> {
  const survey = benchSurvey()
  const server = await startBenchServer(dataDir, survey, limits)
  const rss = sampleRss(server.pid)
  try {
    await new Promise((r) => setTimeout(r, 2000))
    const idleMb = processRssMb(server.pid)
    const cookie = await server.cookie('admin')
    const query = `surveyId=${survey.id}&version=${survey.version}`
    const times: number[] = []
    for (let i = 0; i < 45; i++) {
      const start = performance.now()
      const res = await fetch(`${server.url}/api/scores?${query}`, { headers: { cookie } })
      await res.arrayBuffer()
      if (i >= 5) times.push(performance.now() - start)
    }
    const exported = await download(`${server.url}/api/exports/responses-long.csv?${query}`, cookie)
    if (exported.status !== 200) throw new Error(`export answered ${exported.status}`)
    const sent: Response[] = [...responses(survey, ingestCount, seed)]
    const surveyor = await server.cookie('surveyor')
    const pool = new Pool(server.url, { connections: 4 })
    let next = 0
    const start = performance.now()
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next * 100 < sent.length) {
          const body = JSON.stringify({ responses: sent.slice(next * 100, ++next * 100) })
          const res = await pool.request({ path: '/api/sync', method: 'POST', headers: { 'content-type': 'application/json', cookie: surveyor }, body })
          const reply = (await res.body.json()) as SyncReply
          if (res.statusCode !== 200 || reply.results.some((r) => r.status !== 'stored')) throw new Error(`sync answered ${res.statusCode}`)
        }
      }),
    )
    const ingestPerS = sent.length / ((performance.now() - start) / 1000)
    await pool.close()
    return { idleMb, scoresP95: percentile(times, 95), exportS: exported.ms / 1000, ingestPerS, peakMb: rss.stop() }
  } finally {
    rss.stop()
    await server.stop()
  }
}

export const smallVmBench: Bench = {
  name: 'small-vm',
  title: `the server on one core and ${MEMORY_MB} MB vs unlimited on the same database (100,000 responses; 20,000 quick): idle memory, scores, a full export, ingest`,
  async run({ quick, runs, tmpDir, log }) {
    const count = quick ? 20_000 : 100_000
    const ingest = quick ? 5_000 : 20_000
    const template = path.join(tmpDir, 'template')
    fillDatabase(template, benchSurvey(), count)
    const vm = smallVm()
    log(`limits: ${vm.how}`)
    const copy = (name: string) => {
      const dir = path.join(tmpDir, name)
      fs.cpSync(template, dir, { recursive: true })
      return dir
    }
    try {
      const n = Math.min(runs, quick ? 1 : 2)
      const free = await repeat(n, (i) => measureServer(copy(`free-${i}`), {}, ingest, `vm-free-${i}`))
      const small = await repeat(n, (i) => measureServer(copy(`small-${i}`), vm, ingest, `vm-small-${i}`))
      const cgroupPeak = vm.peakMb()
      const both = (label: string, unit: string, pick: (r: Run) => number): Measure[] => [
        measure(`1 core / ${MEMORY_MB} MB: ${label}`, unit, small.map(pick)),
        measure(`unlimited: ${label}`, unit, free.map(pick)),
      ]
      const peak = measure(`1 core / ${MEMORY_MB} MB: peak RSS`, 'MB', small.map((r) => r.peakMb))
      return {
        measures: [
          ...both('idle RSS after start', 'MB', (r) => r.idleMb),
          ...both(`scores p95 at ${count.toLocaleString('en-US')}`, 'ms', (r) => r.scoresP95),
          ...both(`CSV export of ${count.toLocaleString('en-US')} responses`, 's', (r) => r.exportS),
          ...both('HTTP ingest', 'responses/s', (r) => r.ingestPerS),
          peak,
          ...(cgroupPeak === null ? [] : [measure('cgroup peak memory (RSS + page cache)', 'MB', [cgroupPeak])]),
        ],
        checks: [check(`small VM: peak RSS under ${MEMORY_MB} MB`, peak.max, 'lower', MEMORY_MB, ' MB')],
        notes: [`Limits: ${vm.how}.`],
      }
    } finally {
      vm.remove()
    }
  },
}
