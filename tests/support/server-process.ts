import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { built, builtServer } from './built-server.ts'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

export type ServerProcess = {
  url: string
  /** Process id of the server (benchmarks read its memory from /proc). */
  pid: number
  port: number
  dataDir: string
  dbFile: string
  /** Everything the server printed so far. */
  output: () => string
  /** Passwords of the demo accounts, read from what the server printed on first start. */
  logins: Map<string, string>
  /** Sends `signal` (SIGTERM by default) and waits for the exit; its exit code (null when killed by the signal). */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>
}

/**
 * Starts the real server, built (`server/dist/main.js`), as a child process on its own data
 * folder, as `npm start` would, and waits until /api/health answers.
 */
export async function startServer(
  options: {
    dataDir?: string
    env?: Record<string, string>
    /** A command the server runs under (e.g. `taskset -c 0`), and flags for node. */
    wrap?: string[]
    nodeArgs?: string[]
  } = {},
): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-e2e-'))
  const port = await freePort()
  const [command, ...args] = [
    ...(options.wrap ?? []),
    process.execPath,
    ...(options.nodeArgs ?? []),
    '--enable-source-maps',
    built(builtServer),
  ]
  const child: ChildProcess = spawn(command!, args, {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      INIT_CWD: repoRoot,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`)
    try {
      const res = await fetch(`${url}/api/health`)
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`server did not answer within 60 s:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  // The log-ins are printed right after the listening line; give stdout a moment to flush.
  await new Promise((r) => setTimeout(r, 100))

  const logins = new Map<string, string>()
  for (const line of output.split('\n')) {
    if (!line.includes('"msg":"demo account')) continue
    const { username, password } = JSON.parse(line) as { username: string; password: string }
    if (!password.startsWith('(')) logins.set(username, password)
  }

  return {
    url,
    pid: child.pid!,
    port,
    dataDir,
    dbFile: path.join(dataDir, 'parsurvey.db'),
    output: () => output,
    logins,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal)
      return exited
    },
  }
}
