import type { Survey } from '@parsurvey/shared'
import fs from 'node:fs'
import path from 'node:path'
import { logIn } from '../support/api-client.ts'
import { startServer, type ServerProcess } from '../support/server-process.ts'

export type BenchServer = ServerProcess & { cookie: (role: 'admin' | 'surveyor') => Promise<string> }

/**
 * The real server (a child process, as `npm start` runs it) on `dataDir`, publishing `survey`
 * from a surveys folder of its own on first start. The demo accounts are created then too.
 */
export async function startBenchServer(
  dataDir: string,
  survey: Survey,
  limits: Pick<Parameters<typeof startServer>[0] & object, 'wrap' | 'nodeArgs'> = {},
  env: Record<string, string> = {},
): Promise<BenchServer> {
  const surveysDir = path.join(dataDir, 'surveys')
  fs.mkdirSync(surveysDir, { recursive: true })
  fs.writeFileSync(path.join(surveysDir, `${survey.id}.json`), JSON.stringify(survey))
  const server = await startServer({ dataDir, env: { SURVEYS_DIR: surveysDir, ...env }, ...limits })
  return {
    ...server,
    cookie: (role) => logIn(server.url, role, server.logins.get(role) ?? ''),
  }
}

/** Resident set size of a process in MB, from /proc (Linux); 0 once the process is gone. */
export function processRssMb(pid: number): number {
  let status: string
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  } catch {
    return 0
  }
  const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0)
  return kb / 1024
}

/** Samples a process's RSS every `everyMs` until stopped; `stop()` gives the highest sample. */
export function sampleRss(pid: number, everyMs = 20): { stop: () => number } {
  let peak = processRssMb(pid)
  const timer = setInterval(() => {
    peak = Math.max(peak, processRssMb(pid))
  }, everyMs)
  return {
    stop() {
      clearInterval(timer)
      return Math.max(peak, processRssMb(pid))
    },
  }
}

/** GET with the session cookie; reads the whole body as a stream and counts its lines. */
export async function download(url: string, cookie: string): Promise<{ bytes: number; lines: number; firstByteMs: number; ms: number; status: number }> {
  const start = performance.now()
  const res = await fetch(url, { headers: { cookie } })
  let firstByteMs = NaN
  let bytes = 0
  let lines = 0
  const reader = res.body!.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    if (Number.isNaN(firstByteMs)) firstByteMs = performance.now() - start
    bytes += value.length
    for (let i = value.indexOf(10); i !== -1; i = value.indexOf(10, i + 1)) lines++
  }
  return { bytes, lines, firstByteMs, ms: performance.now() - start, status: res.status }
}
