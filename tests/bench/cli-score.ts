import { spawn } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs'
import path from 'node:path'
import { THREADED_FROM_BYTES } from '../../server/src/cli/score-responses.ts'
import { built, builtCli } from '../support/built-server.ts'
import { repoRoot } from '../support/server-process.ts'
import { benchSurvey, responses } from './data.ts'
import { check, measure, median, repeat, type Bench } from './harness.ts'
import { sampleRss } from './server.ts'

/** Writes `count` generated responses as JSON Lines (what `pnpm parsurvey generate` prints). */
async function writeJsonl(file: string, survey: ReturnType<typeof benchSurvey>, count: number): Promise<void> {
  const out = fs.createWriteStream(file)
  let chunk = ''
  for (const response of responses(survey, count)) {
    chunk += `${JSON.stringify(response)}\n`
    if (chunk.length < 1 << 20) continue
    const flowing = out.write(chunk)
    chunk = ''
    if (!flowing) await once(out, 'drain')
  }
  await new Promise<void>((resolve, reject) => out.end(chunk, () => resolve()).once('error', reject))
}

/** One `pnpm parsurvey score` run as a child process: wall time and peak RSS (sampled from /proc). */
function score(surveyFile: string, jsonl: string, env: Record<string, string> = {}): Promise<{ ms: number; peakMb: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now()
    const child = spawn(process.execPath, [built(builtCli), 'score', '--survey', surveyFile, '--responses', jsonl], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    const rss = sampleRss(child.pid!, 10)
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('exit', (code) => {
      const ms = performance.now() - start
      const peakMb = rss.stop()
      if (code !== 0) reject(new Error(`score exited ${code}: ${stderr}`))
      else resolve({ ms, peakMb })
    })
  })
}

/** A ceiling for any JSON Lines reader: `JSON.parse` of every line alone, in this process. */
function parseOnlyRate(file: string): number {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((line) => line !== '')
  const start = performance.now()
  for (const line of lines) JSON.parse(line)
  return lines.length / ((performance.now() - start) / 1000)
}

export const cliScore: Bench = {
  name: 'cli-score',
  title: '`pnpm parsurvey score` on a JSON Lines file (throughput, peak RSS)',
  async run({ quick, runs, tmpDir, log }) {
    // Quick: 30,000 vs 300,000 — both files above the size from which `score` reads on worker
    // threads (about 21,000 of these responses), so the two runs take the same path.
    const count = quick ? 300_000 : 1_000_000
    const small = count / 10
    const survey = benchSurvey()
    const surveyFile = path.join(tmpDir, 'survey.json')
    fs.writeFileSync(surveyFile, JSON.stringify(survey))
    const big = path.join(tmpDir, 'big.jsonl')
    const tenth = path.join(tmpDir, 'tenth.jsonl')
    const one = path.join(tmpDir, 'one.jsonl')
    await writeJsonl(big, survey, count)
    await writeJsonl(tenth, survey, small)
    await writeJsonl(one, survey, 1)
    // The growth check compares like with like only if both files are read the same way.
    if (fs.statSync(tenth).size < THREADED_FROM_BYTES) throw new Error(`${small} responses make a file read on the main thread: compare bigger files`)
    log(`${count.toLocaleString('en-US')} responses, ${(fs.statSync(big).size / 2 ** 20).toFixed(0)} MB of JSON Lines`)

    // Start-up (node, the bundle, survey parsing) measured on a one-line file and taken out of the throughput.
    const startup = await repeat(runs, () => score(surveyFile, one))
    const full = await repeat(Math.min(runs, 3), () => score(surveyFile, big))
    const tenthRuns = await repeat(Math.min(runs, 3), () => score(surveyFile, tenth))
    // The same memory check without the workers' forced collections (score-collect.ts): what they earn.
    const noGc = { PARSURVEY_FORCED_GC: 'off' }
    const fullNoGc = await repeat(Math.min(runs, 2), () => score(surveyFile, big, noGc))
    const tenthNoGc = await repeat(Math.min(runs, 2), () => score(surveyFile, tenth, noGc))
    const parseOnly = await repeat(Math.min(runs, 3), () => parseOnlyRate(tenth))
    const startupMs = startup.map((s) => s.ms)
    const rate = full.map((r) => count / ((r.ms - median(startupMs)) / 1000))
    const wallRate = full.map((r) => count / (r.ms / 1000))
    const rateM = measure('responses/s (start-up taken out)', 'responses/s', rate)
    const peak = measure(`peak RSS at ${count.toLocaleString('en-US')} responses`, 'MB', full.map((r) => r.peakMb))
    const peakTenth = measure(`peak RSS at ${small.toLocaleString('en-US')} responses`, 'MB', tenthRuns.map((r) => r.peakMb))
    const peakOne = measure('peak RSS at 1 response', 'MB', startup.map((r) => r.peakMb))
    return {
      measures: [
        rateM,
        measure('responses/s (wall, with start-up)', 'responses/s', wallRate),
        measure('ceiling: JSON.parse of the lines alone', 'responses/s', parseOnly),
        measure('start-up', 'ms', startupMs),
        peakOne,
        peakTenth,
        peak,
        measure(`without forced GC: peak RSS at ${small.toLocaleString('en-US')} responses`, 'MB', tenthNoGc.map((r) => r.peakMb)),
        measure(`without forced GC: peak RSS at ${count.toLocaleString('en-US')} responses`, 'MB', fullNoGc.map((r) => r.peakMb)),
        measure('without forced GC: responses/s (start-up taken out)', 'responses/s', fullNoGc.map((r) => count / ((r.ms - median(startupMs)) / 1000))),
      ],
      checks: [
        check('throughput ≥ 200,000 responses/s', rateM.median, 'higher', 200_000),
        check(`memory flat: peak RSS growth from ${small.toLocaleString('en-US')} to ${count.toLocaleString('en-US')} responses`, peak.median - peakTenth.median, 'lower', 32, ' MB'),
      ],
      notes: [
        'The reader keeps every response id seen (a later copy of an id is skipped as a duplicate, docs/formats.md), so memory grows with the number of distinct responses: that growth is what the memory check shows.',
        `Both files of the memory check are read on worker threads (from ${THREADED_FROM_BYTES / 2 ** 20} MB; a smaller file is read on the main thread, which uses less memory and would make the growth look bigger than it is): hence 30,000 vs 300,000 responses in quick mode.`,
      ],
    }
  },
}
