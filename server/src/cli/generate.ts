import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { endOfDayInVietnam, formatMessage, generateResponses } from '@parsurvey/shared'
import { loadSurveyFile } from './survey-file.ts'

/** Lines are batched into writes of about this many characters: far fewer syscalls than one per line. */
const CHUNK = 64 * 1024
const MAX_COUNT = 100_000_000

/**
 * `pnpm parsurvey generate --survey F --count N [--seed S] [--today YYYY-MM-DD]`: synthetic
 * responses as JSON Lines on stdout, identical for the same survey, count, seed and day. Their
 * times fall inside the survey's round and not after now (the end of `--today` in Vietnam when
 * given). Streams with backpressure, so any count runs in bounded memory; stops quietly (exit 0)
 * when the reader goes away, as with `| head`.
 */
export async function run(args: string[]): Promise<number> {
  const usage = formatMessage('response-generate-usage', {}, 'en')
  let values: { survey?: string; count?: string; seed?: string; today?: string }
  try {
    values = parseArgs({
      args,
      options: {
        survey: { type: 'string' },
        count: { type: 'string' },
        seed: { type: 'string' },
        today: { type: 'string' },
      },
    }).values
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`)
    return 1
  }
  if (!values.survey || values.count === undefined) {
    process.stderr.write(`${usage}\n`)
    return 1
  }
  const count = Number(values.count)
  if (!/^\d+$/.test(values.count) || count > MAX_COUNT) {
    process.stderr.write(
      `${formatMessage('response-generate-bad-count', { count: values.count, max: MAX_COUNT }, 'en')}\n`,
    )
    return 1
  }
  const now = values.today === undefined ? new Date() : new Date(endOfDayInVietnam(values.today))
  if (values.today !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(values.today) || Number.isNaN(now.getTime()))) {
    process.stderr.write(`${formatMessage('response-generate-bad-today', { today: values.today }, 'en')}\n`)
    return 1
  }
  const loaded = await loadSurveyFile(values.survey)
  if (!loaded.ok) {
    process.stderr.write(loaded.messages.map((line) => `${line}\n`).join(''))
    return 1
  }
  const lines = (function* () {
    for (const response of generateResponses(loaded.survey, count, values.seed ?? '1', { now }))
      yield `${JSON.stringify(response)}\n`
  })()
  return writeLines(lines, process.stdout)
}

/** Writes lines in chunks, waiting for 'drain' when the reader is slower; EPIPE ends early with 0. */
async function writeLines(lines: Iterable<string>, out: NodeJS.WriteStream): Promise<number> {
  let failure: Error | undefined
  let closed = false
  const onError = (error: NodeJS.ErrnoException): void => {
    closed = true
    if (error.code !== 'EPIPE') failure = error
  }
  out.on('error', onError)
  try {
    let chunk = ''
    for (const line of lines) {
      chunk += line
      if (chunk.length < CHUNK) continue
      const flowing = out.write(chunk)
      chunk = ''
      // Yielding even when the write was accepted lets a broken pipe's error event arrive.
      if (flowing) await yieldToEventLoop()
      else await drained(out)
      if (closed) break
    }
    if (!closed && chunk !== '') await new Promise<void>((resolve) => out.write(chunk, () => resolve()))
    else if (!closed) await new Promise<void>((resolve) => out.write('', () => resolve()))
  } finally {
    out.off('error', onError)
    // A late EPIPE after we stop must not crash the process as an unhandled 'error'.
    out.on('error', () => {})
  }
  if (failure) {
    process.stderr.write(`${formatMessage('response-generate-write-failed', { detail: failure.message }, 'en')}\n`)
    return 1
  }
  return 0
}

function drained(out: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      out.off('drain', done)
      out.off('error', done)
      out.off('close', done)
      resolve()
    }
    out.on('drain', done)
    out.on('error', done)
    out.on('close', done)
  })
}
