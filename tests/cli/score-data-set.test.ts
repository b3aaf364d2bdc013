import type { SurveyScores } from '@parsurvey/shared'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { logIn, sendBatch } from '../support/api-client.ts'
import { repoRoot, startServer, type ServerProcess } from '../support/server-process.ts'
import { runCli } from './run-cli.ts'

/*
 * Issue 13 item 7 on the command line: the 2026 department survey published as v1 and again as
 * v2 (a new title: scored alike), responses to both. The server scores the two versions as one
 * data set; `score` given both survey files and one file of both versions' responses says the same.
 */
const V1 = path.join(repoRoot, 'surveys/par-2026-department.yaml')
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-score-set-'))
const V2 = path.join(scratch, 'par-2026-department-v2.yaml')
const RESPONSES = path.join(scratch, 'both-versions.jsonl')

let server: ServerProcess
beforeAll(async () => {
  server = await startServer()
  const yaml = fs
    .readFileSync(V1, 'utf8')
    .replace(/^version: 1$/m, 'version: 2')
    .replace('  vi: Phiếu điều tra xã hội học xác định', '  vi: Phiếu điều tra (bản sửa lời) xã hội học xác định')
  fs.writeFileSync(V2, yaml)
  const admin = await logIn(server.url, 'admin', server.logins.get('admin')!)
  const published = await fetch(`${server.url}/api/surveys`, {
    method: 'POST',
    headers: { cookie: admin, 'content-type': 'application/yaml' },
    body: yaml,
  })
  expect(published.status, await published.clone().text()).toBe(201)

  const lines = async (file: string, count: number, seed: string) => {
    const run = await runCli(['generate', '--survey', file, '--count', String(count), '--seed', seed])
    expect(run.code).toBe(0)
    return run.stdout.trim().split('\n')
  }
  const first = await lines(V1, 300, '31')
  const second = await lines(V2, 120, '32')
  // One file, the versions mixed as devices sent them.
  const mixed = first.flatMap((line, i) => (i < second.length ? [line, second[i]!] : [line]))
  fs.writeFileSync(RESPONSES, `${mixed.join('\n')}\n`)
  const surveyor = await logIn(server.url, 'surveyor', server.logins.get('surveyor')!)
  for (let i = 0; i < mixed.length; i += 100) {
    const reply = await sendBatch(
      server.url,
      surveyor,
      mixed.slice(i, i + 100).map((l) => JSON.parse(l) as unknown),
    )
    expect(reply.results.every((r) => r.status === 'stored')).toBe(true)
  }
}, 120_000)
afterAll(async () => {
  await server?.stop()
  fs.rmSync(scratch, { recursive: true, force: true })
})

describe('pnpm parsurvey score over a data set of two versions', () => {
  it('gives the server’s scores of the combined versions', async () => {
    const run = await runCli(['score', '--survey', V1, '--survey', V2, '--responses', RESPONSES])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const cli = JSON.parse(run.stdout) as SurveyScores
    const cookie = await logIn(server.url, 'analyst', server.logins.get('analyst')!)
    const api = (await (
      await fetch(`${server.url}/api/scores?surveyId=par-2026-department&version=2`, { headers: { cookie } })
    ).json()) as SurveyScores & { dataSet: unknown }
    expect(cli.surveyVersion).toBe(2)
    expect(cli.units).toEqual(api.units)
    expect(cli.units.reduce((n, u) => n + u.responses, 0)).toBe(420)
  })

  it('scores one version alone when given one survey file, its other lines refused', async () => {
    const run = await runCli(['score', '--survey', V1, '--responses', RESPONSES, '--skip-invalid'])
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('120')
    const cli = JSON.parse(run.stdout) as SurveyScores
    expect(cli.units.reduce((n, u) => n + u.responses, 0)).toBe(300)
  })

  it('skips an id already read for the other version and reports each line by its number in the file', async () => {
    const [a, b] = fs.readFileSync(RESPONSES, 'utf8').split('\n') as [string, string]
    const first = JSON.parse(a) as { id: string; surveyVersion: number }
    const copy = JSON.stringify({ ...first, surveyVersion: 2 })
    const wrong = JSON.stringify({ ...(JSON.parse(b) as object), unitId: 'no-such-unit' })
    const file = path.join(scratch, 'small.jsonl')
    fs.writeFileSync(file, [a, b, copy, wrong].join('\n') + '\n')
    const run = await runCli(['score', '--survey', V1, '--survey', V2, '--responses', file, '--skip-invalid'])
    expect(run.code).toBe(0)
    expect(run.stderr).toContain(`line 3: response "${first.id}" was already read on line 1; this copy is skipped`)
    expect(run.stderr).toMatch(/^line 4: unitId/m)
    const cli = JSON.parse(run.stdout) as SurveyScores
    expect(cli.units.reduce((n, u) => n + u.responses, 0)).toBe(2)
  })

  it('refuses versions that are scored differently, saying what differs', async () => {
    const rescored = path.join(scratch, 'rescored.yaml')
    fs.writeFileSync(
      rescored,
      fs
        .readFileSync(V2, 'utf8')
        .replace(/^version: 2$/m, 'version: 3')
        .replace(/^missing: zero/m, 'missing: rescale'),
    )
    const run = await runCli(['score', '--survey', V1, '--survey', rescored, '--responses', RESPONSES])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('Version 1 is scored differently from version 3')
  })
})
