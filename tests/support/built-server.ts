import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** The built server and CLI (`pnpm build`, server/scripts/build.mjs): what `npm start` runs. */
export const builtServer = path.join(repoRoot, 'server/dist/main.js')
export const builtCli = path.join(repoRoot, 'server/dist/cli.js')

/** `builtServer` or `builtCli`, or a clear error when the server was never built. */
export function built(file: string): string {
  if (!fs.existsSync(file)) throw new Error(`${path.relative(repoRoot, file)} is missing: run \`pnpm build\` first`)
  return file
}

/** Builds the server from its sources (about a second): the tests' global set-up. */
export function buildServer(): void {
  execFileSync(process.execPath, ['server/scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' })
}

/**
 * `npm start`'s server run until it exits on its own (a refusal at start-up), with `env` over this
 * process's, on a free port: its exit code and everything it wrote. Killed after 30 s.
 */
export async function runBuiltServerToExit(
  env: Record<string, string>,
  port: number,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [built(builtServer)], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', INIT_CWD: repoRoot, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  clearTimeout(timer)
  return { code, output }
}
