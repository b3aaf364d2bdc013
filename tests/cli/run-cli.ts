import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { built, builtCli } from '../support/built-server.ts'

/** The repository root: the CLI runs from here, as `pnpm parsurvey` does. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

export type CliResult = { code: number | null; stdout: string; stderr: string }

/** Starts the real command (`pnpm parsurvey …` minus pnpm: the built CLI) and leaves its streams to the caller. */
export function startCli(args: string[], env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [built(builtCli), ...args], {
    cwd: repoRoot,
    env: { ...process.env, INIT_CWD: repoRoot, ...env },
  })
}

/** Runs the command to the end, with `stdin` piped in (as `echo pw | …`), and collects its output. */
export function runCli(args: string[], env: Record<string, string> = {}, stdin?: string): Promise<CliResult> {
  const child = startCli(args, env)
  if (stdin !== undefined) child.stdin.end(stdin)
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

export const fixture = (name: string): string => `tests/fixtures/surveys/${name}`
