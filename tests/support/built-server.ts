import { execFileSync } from 'node:child_process'
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
