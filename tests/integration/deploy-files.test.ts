import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { MAX_BODY_BYTES } from '@parsurvey/server'
import { repoRoot } from '../support/server-process.ts'

// docs/deploy.md is what an operator follows: these checks keep it, deploy/ and the code in step.
const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), 'utf8')
const deployDoc = read('docs/deploy.md')
const envExample = read('deploy/parsurvey.env.example')
const readme = read('README.md')

/** Every `env.NAME` / `process.env.NAME` read by the server's own code (tests and test helpers excluded). */
function variablesRead(): string[] {
  const names = new Set<string>()
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        if (entry.name !== 'testing' && entry.name !== 'node_modules') walk(file)
      } else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
        const text = fs.readFileSync(file, 'utf8')
        for (const match of text.matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b|\benv\[['"]([A-Z][A-Z0-9_]*)['"]\]/g))
          names.add(match[1] ?? match[2]!)
      }
    }
  }
  walk(path.join(repoRoot, 'server/src'))
  return [...names].sort()
}

/** `KEY=value` lines of the environment example, commented or not. */
const exampleValue = (name: string): string | undefined =>
  envExample.match(new RegExp(`^#?${name}=(.*)$`, 'm'))?.[1]?.trim()

describe('deployment files and docs/deploy.md', () => {
  it('documents every environment variable the server reads in docs/deploy.md, the env example and the README', () => {
    const names = variablesRead()
    // The scan itself works: it finds the variables config.ts is known to read.
    expect(names).toEqual(expect.arrayContaining(['DATA_DIR', 'HOST', 'PORT', 'PUBLIC_URL', 'TRUST_PROXY']))
    const missing = names.flatMap((name) => [
      ...(deployDoc.includes(`| \`${name}\` |`) ? [] : [`docs/deploy.md's table lacks ${name}`]),
      ...(exampleValue(name) === undefined ? [`deploy/parsurvey.env.example lacks ${name}`] : []),
      ...(readme.includes(`| \`${name}\` |`) ? [] : [`README.md's table lacks ${name}`]),
    ])
    expect(missing).toEqual([])
  })

  it('names only files that exist under deploy/, and names each of them', () => {
    const named = new Set([...deployDoc.matchAll(/deploy\/([\w.-]+)/g)].map((m) => m[1]!))
    const present = fs.readdirSync(path.join(repoRoot, 'deploy')).sort()
    expect([...named].filter((file) => !present.includes(file))).toEqual([])
    expect(present.filter((file) => !named.has(file))).toEqual([])
  })

  it('has systemd units that systemd-analyze verify accepts without a warning', () => {
    // The units run /usr/bin/node, Debian's; where Node lives elsewhere the copy points at it.
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-units-'))
    try {
      const units = ['parsurvey.service', 'parsurvey-backup.service', 'parsurvey-backup.timer']
      for (const unit of units) {
        const text = read(`deploy/${unit}`)
        fs.writeFileSync(path.join(scratch, unit), text.replaceAll('/usr/bin/node ', `${process.execPath} `))
      }
      const result = spawnSync(
        '/usr/bin/systemd-analyze',
        ['verify', '--man=no', ...units.map((unit) => path.join(scratch, unit))],
        { encoding: 'utf8' },
      )
      expect(result.stderr).toBe('')
      expect(result.status).toBe(0)
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true })
    }
  })

  it('keeps the service, the env example and the proxies pointing at the same place', () => {
    const service = read('deploy/parsurvey.service')
    expect(service).toMatch(/^Restart=on-failure$/m)
    expect(service).toMatch(/^Environment=NODE_ENV=production$/m)
    expect(service).toMatch(/^EnvironmentFile=\/etc\/parsurvey\/parsurvey\.env$/m)
    const dataDir = exampleValue('DATA_DIR')!
    expect(service).toMatch(new RegExp(`^ReadWritePaths=${dataDir}$`, 'm'))
    expect(read('deploy/parsurvey-backup.service')).toContain(`ReadWritePaths=${dataDir} `)
    // TRUST_PROXY believes exactly the proxy the configs put on loopback.
    expect(exampleValue('TRUST_PROXY')).toBe('127.0.0.1,::1')
    const upstream = `${exampleValue('HOST')}:${exampleValue('PORT')}`
    expect(upstream).toBe('127.0.0.1:8787')
    expect(read('deploy/Caddyfile')).toContain(`reverse_proxy ${upstream} {`)
    expect(read('deploy/nginx.conf')).toContain(`proxy_pass http://${upstream};`)
  })

  it('has a Caddyfile and an nginx.conf that are well formed and let the server answer oversized bodies', () => {
    // Neither caddy nor nginx runs here: braces, directives and limits are checked as text.
    const structure = (text: string, terminator: RegExp) => {
      let depth = 0
      const problems: string[] = []
      text.split('\n').forEach((raw, index) => {
        const line = raw.replace(/#.*$/, '').trim()
        if (!line) return
        for (const ch of line) depth += ch === '{' ? 1 : ch === '}' ? -1 : 0
        if (depth < 0) problems.push(`line ${index + 1}: } without {`)
        if (!terminator.test(line)) problems.push(`line ${index + 1}: ${line}`)
      })
      if (depth !== 0) problems.push(`${depth} unclosed {`)
      return problems
    }
    const caddy = read('deploy/Caddyfile')
    const nginx = read('deploy/nginx.conf')
    expect(structure(caddy, /.*/)).toEqual([])
    // nginx: every directive ends in ; and every block opens with { or closes with }.
    expect(structure(nginx, /[;{}]$/)).toEqual([])
    const siteName = caddy.match(/^([a-z0-9.-]+) \{$/m)?.[1]
    expect(siteName).toBe('khaosat.example.gov.vn')
    expect(nginx).toContain(`ssl_certificate /etc/letsencrypt/live/${siteName}/fullchain.pem;`)
    expect(nginx).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;')
    expect(nginx).toContain('proxy_set_header X-Forwarded-Proto $scheme;')
    const megabytes = (value: string | undefined) => Number(value) * 1024 * 1024
    expect(megabytes(caddy.match(/max_size (\d+)MB/)?.[1])).toBeGreaterThan(MAX_BODY_BYTES)
    expect(megabytes(nginx.match(/client_max_body_size (\d+)m;/)?.[1])).toBeGreaterThan(MAX_BODY_BYTES)
    expect(exampleValue('PUBLIC_URL')).toBe(`https://${siteName}`)
  })
})
