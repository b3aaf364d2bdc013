/**
 * `pnpm soak [--quick]`: the long versions of the reliability and bad-input tests, with a summary
 * table. Exits non-zero when any response was lost or stored twice, any answer was a 5xx it
 * should not be, or any generated payload broke a rule.
 *
 * - crash: the real server SIGKILLed 50 times mid-batch (tests/support/crash-harness.ts)
 * - network: devices running the real client sender through the fault proxy (drops, delays,
 *   acknowledgements cut after commit, duplicated requests)
 * - storage: disk full, read-only database, write lock held past the timeout, in turn
 * - fuzz-endpoints / fuzz-parsers: 10,000+ generated hostile payloads each
 */
import { parseArgs } from 'node:util'
import { runCrashTrial } from '../support/crash-harness.ts'
import { fuzzEndpoints, fuzzTargets } from '../support/fuzz-endpoints.ts'
import { fuzzParsers } from '../support/fuzz-parsers.ts'
import { runNetworkTrial } from '../support/network-harness.ts'
import { runStorageTrial } from '../support/storage-harness.ts'
import { startTestApp } from '../../server/src/testing/harness.ts'
import { buildServer } from '../support/built-server.ts'

type Row = {
  scenario: string
  trials: number
  faults: number
  acknowledged: number
  lost: number
  duplicated: number
  serverErrors: number
  failures: string[]
  seconds: number
  /** What the faults were, printed under the table. */
  detail?: string
}

// The crash, network and storage trials run the built server, as production does.
buildServer()

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, seed: { type: 'string' } } })
const quick = values.quick ?? false
const seed = Number(values.seed ?? Date.now() % 1_000_000)
const scale = (full: number, small: number) => (quick ? small : full)

async function timed(name: string, run: () => Promise<Omit<Row, 'scenario' | 'seconds'>>): Promise<Row> {
  const started = Date.now()
  process.stdout.write(`▶ ${name} … `)
  try {
    const row = { scenario: name, ...(await run()), seconds: Math.round((Date.now() - started) / 1000) }
    console.log(`${row.seconds} s`)
    return row
  } catch (error) {
    console.log('crashed')
    const failure = error instanceof Error ? (error.stack ?? error.message) : String(error)
    return {
      scenario: name,
      trials: 0,
      faults: 0,
      acknowledged: 0,
      lost: 0,
      duplicated: 0,
      serverErrors: 0,
      failures: [failure],
      seconds: Math.round((Date.now() - started) / 1000),
    }
  }
}

async function main(): Promise<number> {
  console.log(`parsurvey soak (seed ${seed}${quick ? ', quick' : ''})\n`)
  const rows: Row[] = []

  rows.push(
    await timed('crash (SIGKILL mid-batch)', async () => {
      const kills = scale(50, 8)
      const r = await runCrashTrial({ kills, clients: 3, batch: 100, responsesPerRound: 300, seed: `soak-${seed}` })
      const failures = [
        ...r.badReceipts.slice(0, 5),
        ...(r.integrity === 'ok' ? [] : [`integrity_check: ${r.integrity}`]),
        ...(r.aggregatesEqualRebuild ? [] : ['aggregates differ from a rebuild']),
        ...(r.storedResponses === r.sent ? [] : [`stored ${r.storedResponses} of ${r.sent}`]),
        ...(r.talliedResponses === r.sent ? [] : [`tallied ${r.talliedResponses} of ${r.sent}`]),
        ...r.lost.slice(0, 5).map((l) => `lost ${l}`),
      ]
      return {
        trials: r.kills + 1,
        faults: r.kills,
        acknowledged: r.acknowledged,
        lost: r.lost.length,
        duplicated: r.duplicated + r.unexpected,
        serverErrors: r.serverErrors,
        failures,
      }
    }),
  )

  rows.push(
    await timed('network (proxy faults)', async () => {
      const trials = scale(4, 1)
      const row = {
        trials: 0,
        faults: 0,
        acknowledged: 0,
        lost: 0,
        duplicated: 0,
        serverErrors: 0,
        failures: [] as string[],
        detail: '',
      }
      const kinds: Record<string, number> = {}
      for (let i = 0; i < trials; i++) {
        const r = await runNetworkTrial({ devices: 5, rounds: scale(15, 6), responsesPerRound: 30, seed: seed + i })
        row.trials += r.requests
        row.faults += r.injected
        row.acknowledged += r.acknowledged
        row.lost += r.lost.length
        row.duplicated += r.duplicated
        row.serverErrors += r.serverErrors
        row.failures.push(
          ...r.notSent.slice(0, 5),
          ...(r.integrity === 'ok' ? [] : [`integrity_check: ${r.integrity}`]),
        )
        for (const [kind, n] of Object.entries(r.faults)) kinds[kind] = (kinds[kind] ?? 0) + n
      }
      row.detail = Object.entries(kinds)
        .map(([kind, n]) => `${kind} ${n}`)
        .join(', ')
      return row
    }),
  )

  rows.push(
    await timed('storage (full / read-only / busy)', async () => {
      const r = await runStorageTrial({ cycles: scale(200, 40), perCycle: 10, seed })
      const failures = [
        ...(r.integrity === 'ok' ? [] : [`integrity_check: ${r.integrity}`]),
        ...(r.refused === r.injected ? [] : [`${r.injected} faults but ${r.refused} refusals with 503`]),
      ]
      const detail = `${Object.entries(r.faults)
        .map(([kind, n]) => `${kind} ${n}`)
        .join(', ')}; refused with 503: ${r.refused}`
      return {
        trials: r.cycles,
        faults: r.injected,
        acknowledged: r.acknowledged,
        lost: r.lost.length,
        duplicated: r.duplicated,
        serverErrors: r.serverErrors,
        failures,
        detail,
      }
    }),
  )

  rows.push(
    await timed('fuzz endpoints', async () => {
      const t = await startTestApp()
      try {
        const stats = await fuzzEndpoints(t, {
          runsPerTarget: Math.ceil(scale(10_500, 1_500) / fuzzTargets().length),
          seed,
        })
        return {
          trials: stats.payloads,
          faults: stats.payloads,
          acknowledged: stats.statuses['2xx'] ?? 0,
          lost: 0,
          duplicated: 0,
          serverErrors: stats.statuses['5xx'] ?? 0,
          failures: stats.failures,
        }
      } finally {
        t.close()
      }
    }),
  )

  rows.push(
    await timed('fuzz parsers', async () => {
      const stats = fuzzParsers({ numRuns: scale(5_000, 1_000), seed })
      return {
        trials: stats.cases,
        faults: stats.cases,
        acknowledged: stats.accepted,
        lost: 0,
        duplicated: 0,
        serverErrors: 0,
        failures: stats.failures,
      }
    }),
  )

  printTable(rows)
  for (const row of rows.filter((r) => r.detail)) console.log(`  ${row.scenario}: ${row.detail}`)
  const bad = rows.filter((r) => r.lost > 0 || r.duplicated > 0 || r.serverErrors > 0 || r.failures.length > 0)
  for (const row of bad) {
    console.log(`\n✗ ${row.scenario}:`)
    for (const failure of row.failures.slice(0, 10)) console.log(`  ${failure.split('\n').join('\n  ')}`)
  }
  console.log(bad.length === 0 ? '\nsoak passed' : `\nsoak FAILED (${bad.length} scenario(s); seed ${seed})`)
  return bad.length === 0 ? 0 : 1
}

function printTable(rows: Row[]): void {
  const header = [
    'scenario',
    'trials',
    'faults injected',
    'acknowledged',
    'lost',
    'duplicated',
    '5xx',
    'failures',
    'time',
  ]
  const body = rows.map((r) =>
    [
      r.scenario,
      r.trials,
      r.faults,
      r.acknowledged,
      r.lost,
      r.duplicated,
      r.serverErrors,
      r.failures.length,
      `${r.seconds} s`,
    ].map(String),
  )
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)))
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`
  console.log(
    `\n${line(header)}\n|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
  )
  for (const b of body) console.log(line(b))
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
