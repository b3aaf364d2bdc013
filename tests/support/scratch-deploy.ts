import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { repoRoot } from './server-process.ts'

/**
 * docs/deploy.md followed in a scratch root instead of `/`: every absolute path the guide and the
 * files in deploy/ use (`/opt/parsurvey`, `/etc/parsurvey`, `/var/lib/parsurvey`,
 * `/var/backups/parsurvey`) is moved under `root`; nothing else is changed.
 */
export type ScratchRoot = { root: string; at: (absolute: string) => string; rewrite: (text: string) => string }

const DEPLOY_PATHS = ['/opt/parsurvey', '/etc/parsurvey', '/var/lib/parsurvey', '/var/backups/parsurvey']

export function scratchRoot(root: string): ScratchRoot {
  const rewrite = (text: string) =>
    DEPLOY_PATHS.reduce((t, p) => t.replace(new RegExp(`${p}(?=[/\\s:'"]|$)`, 'gm'), path.join(root, p)), text)
  return { root, at: (absolute) => path.join(root, absolute), rewrite }
}

/**
 * Section 2's result without network or compiler: the built output (`pnpm build`: server/dist,
 * client/dist) with the files a checkout brings (surveys/, deploy/, package.json files) copied to
 * `/opt/parsurvey`; the installed packages are linked, not installed again (that step is
 * `pnpm install --frozen-lockfile`, which CI runs anyway).
 */
export function installBuild(scratch: ScratchRoot): string {
  const opt = scratch.at('/opt/parsurvey')
  for (const dir of ['server/dist', 'client/dist', 'surveys', 'deploy'])
    fs.cpSync(path.join(repoRoot, dir), path.join(opt, dir), { recursive: true })
  for (const file of ['package.json', 'server/package.json'])
    fs.copyFileSync(path.join(repoRoot, file), path.join(opt, file))
  for (const dir of ['node_modules', 'server/node_modules'])
    fs.symlinkSync(path.join(repoRoot, dir), path.join(opt, dir))
  return opt
}

/** The lines of the first ```sh block under the heading `## <section>.` of docs/deploy.md. */
export function guideCommands(section: number): string[] {
  const guide = fs.readFileSync(path.join(repoRoot, 'docs/deploy.md'), 'utf8')
  const start = guide.indexOf(`\n## ${section}. `)
  if (start < 0) throw new Error(`docs/deploy.md has no section ${section}`)
  const block = /```sh\n([\s\S]*?)```/.exec(guide.slice(start))
  if (!block) throw new Error(`docs/deploy.md section ${section} has no sh block`)
  return block[1]!
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter(Boolean)
}

/**
 * Runs the guide's `install` commands (folders, modes, the environment file) in the scratch root.
 * Owners (`-o`/`-g`) are left out: the scratch root has no `parsurvey` user.
 */
export function runInstallCommands(scratch: ScratchRoot, lines: string[], cwd: string): string[] {
  const run = lines.filter((l) => l.startsWith('install '))
  for (const line of run) {
    const args = scratch
      .rewrite(line)
      .replace(/\s-[og]\s+\S+/g, '')
      .split(/\s+/)
      .slice(1)
    const result = spawnSync('install', args, { cwd, encoding: 'utf8' })
    if (result.status !== 0) throw new Error(`${line}: ${result.stderr}`)
  }
  return run
}

/** `KEY=value` lines of a systemd EnvironmentFile (comments `#`/`;`, no quotes in ours). */
export function readEnvironmentFile(text: string): Record<string, string> {
  const env: Record<string, string> = {}
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (!line || line.startsWith('#') || line.startsWith(';')) continue
    const eq = line.indexOf('=')
    if (eq > 0) env[line.slice(0, eq).trim()] = line.slice(eq + 1).trim()
  }
  return env
}

/** Sets (or uncomments) `KEY=value` in an environment file, as an operator edits it. */
export function setVariable(text: string, key: string, value: string): string {
  const line = new RegExp(`^#?${key}=.*$`, 'm')
  return line.test(text) ? text.replace(line, `${key}=${value}`) : `${text}\n${key}=${value}\n`
}

/** The `[Service]` settings of a unit file that say how it starts: several ExecStart lines stay in order. */
export type ServiceUnit = {
  execStart: string[][]
  workingDirectory: string
  environment: Record<string, string>
  environmentFile: string
  umask: string
  user: string
}

export function readServiceUnit(scratch: ScratchRoot, file: string): ServiceUnit {
  const unit: ServiceUnit = {
    execStart: [],
    workingDirectory: '/',
    environment: {},
    environmentFile: '',
    umask: '0022',
    user: 'root',
  }
  let inService = false
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim()
    if (line.startsWith('[')) inService = line === '[Service]'
    if (!inService || !line || line.startsWith('#')) continue
    const [key, ...rest] = line.split('=')
    const value = scratch.rewrite(rest.join('='))
    if (key === 'ExecStart') unit.execStart.push(value.split(/\s+/))
    if (key === 'WorkingDirectory') unit.workingDirectory = value
    if (key === 'Environment') Object.assign(unit.environment, readEnvironmentFile(value))
    if (key === 'EnvironmentFile') unit.environmentFile = value
    if (key === 'UMask') unit.umask = value
    if (key === 'User') unit.user = value
  }
  return unit
}

/**
 * One ExecStart of the unit, started the way systemd starts it: only the unit's environment
 * (Environment=, then EnvironmentFile=, and systemd's default PATH), its working directory and
 * umask; `/usr/bin/node` is this Node when Node lives elsewhere. Not as `User=` (the scratch root
 * has no such user); not under systemd itself, which the test machine may not run.
 */
export function startExec(unit: ServiceUnit, exec: string[]): ChildProcess {
  const env = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    ...unit.environment,
    ...readEnvironmentFile(fs.readFileSync(unit.environmentFile, 'utf8')),
  }
  const [program, ...args] = exec
  const node = program === '/usr/bin/node' && fs.existsSync(program) ? program : process.execPath
  return spawn('sh', ['-c', `umask ${unit.umask} && exec "$@"`, 'sh', node, ...args], {
    cwd: unit.workingDirectory,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/** Runs a oneshot ExecStart to its end. */
export function runExec(unit: ServiceUnit, exec: string[]): Promise<{ code: number | null; out: string }> {
  const child = startExec(unit, exec)
  let out = ''
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, out }))
  })
}
