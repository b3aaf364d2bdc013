/**
 * `pnpm bench [--quick] [--sqlite] [--only <name>[,<name>…]]`: runs the benchmarks one after the other,
 * prints a table (median, min and max of each measure) and writes bench/results.json and
 * bench/RESULTS.md. Each benchmark sizes itself so the whole run stays under about 25 minutes.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { repoRoot } from '../support/server-process.ts'
import { machineInfo, renderText, writeResults, type Bench, type BenchReport } from './harness.ts'
import { aggregateRead } from './aggregate-read.ts'
import { autosave } from './autosave.ts'
import { cliScore } from './cli-score.ts'
import { csvExport } from './csv-export.ts'
import { csvExportPg } from './csv-export-pg.ts'
import { fieldAppStart } from './field-app-start.ts'
import { firstVisitBench } from './first-visit.ts'
import { lowEndTablet } from './low-end-tablet.ts'
import { morningLinks } from './morning-links.ts'
import { poorNetwork } from './poor-network.ts'
import { smallVmBench } from './small-vm.ts'
import { postgresBench } from './postgres.ts'
import { morningLinksPg } from './morning-links-pg.ts'
import { rebuild } from './rebuild.ts'
import { syncIngest } from './sync-ingest.ts'
import { xlsxExport } from './xlsx-export.ts'

/** Benchmarks not started by then are skipped, so that a run stays under about 25 minutes. */
const START_DEADLINE_S = 1320

const SQLITE_BENCHES: Bench[] = [syncIngest, aggregateRead, rebuild, cliScore, csvExport, xlsxExport, fieldAppStart, autosave, lowEndTablet, firstVisitBench, poorNetwork, smallVmBench, morningLinks]

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, runs: { type: 'string' }, sqlite: { type: 'boolean', default: false } } })
  // The PostgreSQL benches (postgres.ts, morning-links-pg.ts, csv-export-pg.ts) run last, on the throwaway PostgreSQL
  // the tests use (Debian's package, installed by `.ci/prepare.sh` with the browser); `--sqlite`
  // leaves them out.
  const BENCHES = values.sqlite ? SQLITE_BENCHES : [...SQLITE_BENCHES, postgresBench, morningLinksPg, csvExportPg]
  const only = values.only?.split(',').map((s) => s.trim())
  const unknown = only?.filter((name) => !BENCHES.some((b) => b.name === name)) ?? []
  if (unknown.length > 0) {
    console.error(`unknown bench ${unknown.join(', ')}; choose from ${BENCHES.map((b) => b.name).join(', ')}`)
    return 1
  }
  const quick = values.quick ?? false
  const runs = Number(values.runs ?? (quick ? 3 : 5))
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-bench-'))
  const started = Date.now()
  const reports: BenchReport[] = []
  try {
    for (const bench of BENCHES.filter((b) => !only || only.includes(b.name))) {
      const benchStart = Date.now()
      if ((benchStart - started) / 1000 > START_DEADLINE_S) {
        console.log(`\n✗ ${bench.name} skipped: the run is past ${START_DEADLINE_S} s`)
        reports.push({ name: bench.name, title: bench.title, measures: [], checks: [], notes: [`skipped: the run was past ${START_DEADLINE_S} s when it was due`] })
        continue
      }
      console.log(`\n▶ ${bench.name}: ${bench.title}`)
      const log = (line: string) => console.log(`  ${line}`)
      const dir = fs.mkdtempSync(path.join(tmpDir, `${bench.name}-`))
      try {
        reports.push({ name: bench.name, title: bench.title, ...(await bench.run({ quick, runs, tmpDir: dir, log })) })
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
      console.log(`  (${((Date.now() - benchStart) / 1000).toFixed(1)} s)`)
    }
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true })
  }
  const info = {
    startedAt: new Date(started).toISOString(),
    seconds: (Date.now() - started) / 1000,
    quick,
    runs,
    machine: machineInfo(),
    node: process.versions.node,
  }
  console.log(`\n${renderText(reports)}\n`)
  // A partial run (--only) must not overwrite the published full results.
  const outDir = path.join(repoRoot, 'bench', only ? 'partial' : '')
  writeResults(outDir, reports, info)
  console.log(`wrote ${path.relative(repoRoot, outDir) || '.'}/results.json and RESULTS.md (${Math.round(info.seconds)} s)`)
  return reports.every((r) => r.checks.every((c) => c.ok)) ? 0 : 2
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
