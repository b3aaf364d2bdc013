import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** Samples of one measure, and their median, min and max. */
export type Measure = {
  label: string
  unit: string
  samples: number[]
  median: number
  min: number
  max: number
}

/** A target as published: a value (or a ratio to a peer in the same run) against a bound. */
export type Check = { label: string; value: number; bound: number; better: 'higher' | 'lower'; unit: string; ok: boolean }

export type BenchReport = { name: string; title: string; measures: Measure[]; checks: Check[]; notes: string[] }

export type BenchContext = {
  quick: boolean
  /** Repetitions per measure (median of these). */
  runs: number
  /** A scratch folder removed at the end of the run. */
  tmpDir: string
  log: (line: string) => void
}

export type Bench = { name: string; title: string; run: (ctx: BenchContext) => Promise<Omit<BenchReport, 'name' | 'title'>> }

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** The p-th percentile (0–100), nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN
}

export function measure(label: string, unit: string, samples: number[]): Measure {
  return { label, unit, samples, median: median(samples), min: Math.min(...samples), max: Math.max(...samples) }
}

/** Runs `fn` `runs` times in a row and keeps what each run returns (the first run is not discarded). */
export async function repeat<T>(runs: number, fn: (run: number) => Promise<T> | T): Promise<T[]> {
  const out: T[] = []
  for (let i = 0; i < runs; i++) out.push(await fn(i))
  return out
}

/** Wall time of `fn` in milliseconds. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now()
  const value = await fn()
  return { ms: performance.now() - start, value }
}

export function check(label: string, value: number, better: 'higher' | 'lower', bound: number, unit = ''): Check {
  return { label, value, bound, better, unit, ok: better === 'higher' ? value >= bound : value <= bound }
}

/** `a / b` over paired samples (the same repetition), so drift between repetitions cancels out. */
export function pairedRatios(a: number[], b: number[]): number[] {
  return a.map((x, i) => x / b[i]!)
}

const fmt = (n: number): string =>
  !Number.isFinite(n) ? String(n) : Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2)

const checkText = (c: Check): string => `${fmt(c.value)}${c.unit} ${c.better === 'higher' ? '≥' : '≤'} ${fmt(c.bound)}${c.unit}`

function tableRows(reports: BenchReport[]): string[][] {
  const rows: string[][] = []
  for (const r of reports) {
    for (const m of r.measures) rows.push([r.name, m.label, fmt(m.median), fmt(m.min), fmt(m.max), m.unit, String(m.samples.length)])
  }
  return rows
}

function checkRows(reports: BenchReport[]): string[][] {
  return reports.flatMap((r) => r.checks.map((c) => [r.name, c.label, checkText(c), c.ok ? 'met' : 'MISSED']))
}

/** Plain-text table for the terminal. */
export function renderText(reports: BenchReport[]): string {
  const pad = (rows: string[][]): string => {
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)))
    return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')).join('\n')
  }
  return [
    pad([['bench', 'measure', 'median', 'min', 'max', 'unit', 'runs'], ...tableRows(reports)]),
    '',
    pad([['bench', 'target', 'measured (median)', 'result'], ...checkRows(reports)]),
  ].join('\n')
}

const mdTable = (header: string[], rows: string[][]): string =>
  [header, header.map(() => '---'), ...rows].map((row) => `| ${row.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`).join('\n')

export type RunInfo = { startedAt: string; seconds: number; quick: boolean; runs: number; machine: string; node: string }

export function renderMarkdown(reports: BenchReport[], info: RunInfo): string {
  const notes = reports.flatMap((r) => r.notes.map((n) => `- **${r.name}**: ${n}`))
  return [
    '# Benchmark results',
    '',
    `\`pnpm bench${info.quick ? ' --quick' : ''}\` on ${info.startedAt} (${info.machine}, Node ${info.node}), ${Math.round(info.seconds)} s in all.`,
    'Each measure is the median of its runs, with min and max. Targets are ratios to a ceiling or peer measured in the same run where one exists; absolute times on a shared machine drift.',
    '',
    '## Targets',
    '',
    mdTable(['bench', 'target', 'measured (median)', 'result'], checkRows(reports)),
    '',
    '## Measures',
    '',
    mdTable(['bench', 'measure', 'median', 'min', 'max', 'unit', 'runs'], tableRows(reports)),
    '',
    ...(notes.length ? ['## Notes', '', ...notes, ''] : []),
  ].join('\n')
}

export function machineInfo(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`
}

/** Writes `results.json` and `RESULTS.md` into `dir`. */
export function writeResults(dir: string, reports: BenchReport[], info: RunInfo): void {
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, 'results.json'), `${JSON.stringify({ ...info, reports }, null, 2)}\n`)
  fs.writeFileSync(path.join(dir, 'RESULTS.md'), renderMarkdown(reports, info))
}

/** Highest resident set size of this process so far, in MB (Linux reports it in kB). */
export function rssMb(): number {
  return process.memoryUsage().rss / 2 ** 20
}
