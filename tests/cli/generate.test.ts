import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseSurveyText, validateResponse, type Response } from '@parsurvey/shared'
import { describe, expect, it } from 'vitest'
import { fixture, repoRoot, runCli, startCli } from './run-cli.ts'

function loadFixture(name: string) {
  const parsed = parseSurveyText(readFileSync(`${repoRoot}${fixture(name)}`, 'utf8'), name)
  if (!parsed.ok) throw new Error(`fixture ${name} should be valid`)
  return parsed.survey
}

const lines = (stdout: string): string[] => stdout.split('\n').filter((line) => line !== '')

describe('parsurvey generate', () => {
  it('writes N responses as JSON Lines that all pass validateResponse', async () => {
    const survey = loadFixture('valid-district.yaml')
    const result = await runCli([
      'generate',
      '--survey',
      fixture('valid-district.yaml'),
      '--count',
      '3000',
      '--seed',
      'x',
    ])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const out = lines(result.stdout)
    expect(out).toHaveLength(3000)
    for (const line of out) {
      const check = validateResponse(survey, JSON.parse(line))
      expect(check.ok ? [] : check.issues).toEqual([])
    }
  })

  it('gives identical output for the same seed and different output for another', async () => {
    const args = ['generate', '--survey', fixture('valid-commune.json'), '--count', '200']
    const [a, b, c] = await Promise.all([
      runCli([...args, '--seed', '7']),
      runCli([...args, '--seed', '7']),
      runCli([...args, '--seed', '8']),
    ])
    expect(a?.stdout).toBe(b?.stdout)
    expect(a?.stdout).not.toBe(c?.stdout)
  })

  it('dates responses inside the round and not after --today, and gives other ids to another survey', async () => {
    const round = { opens: '2026-10-01', closes: '2026-12-20' }
    const dir = mkdtempSync(join(tmpdir(), 'generate-'))
    const files = ['a', 'b'].map((name) => {
      const survey = { ...JSON.parse(readFileSync(`${repoRoot}${fixture('valid-commune.json')}`, 'utf8')), round }
      const file = join(dir, `${name}.json`)
      writeFileSync(file, JSON.stringify({ ...survey, id: `survey-${name}` }))
      return file
    })
    const [a, b] = await Promise.all(
      files.map((file) => runCli(['generate', '--survey', file, '--count', '500', '--today', '2026-11-15'])),
    )
    expect(a?.stderr).toBe('')
    const responses = lines(a?.stdout ?? '').map((line) => JSON.parse(line) as Response)
    for (const r of responses) {
      expect(Date.parse(r.startedAt)).toBeGreaterThanOrEqual(Date.parse('2026-10-01T00:00:00+07:00'))
      expect(Date.parse(r.submittedAt)).toBeLessThanOrEqual(Date.parse('2026-11-15T23:59:59+07:00'))
    }
    const idsOfA = new Set(responses.map((r) => r.id))
    expect(lines(b?.stdout ?? '').filter((line) => idsOfA.has((JSON.parse(line) as Response).id))).toEqual([])
    const bad = await runCli(['generate', '--survey', files[0]!, '--count', '1', '--today', '15/11/2026'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('--today must be a date')
  })

  it('writes nothing and exits 0 for a count of 0', async () => {
    const result = await runCli(['generate', '--survey', fixture('valid-commune.json'), '--count', '0'])
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' })
  })

  it('stops quietly with exit 0 when the reader closes the pipe early, as `head` does', async () => {
    const child = startCli(['generate', '--survey', fixture('valid-district.yaml'), '--count', '1000000'])
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const firstChunk = await new Promise<string>((resolve) =>
      child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8'))),
    )
    child.stdout.destroy()
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(firstChunk.startsWith('{"id":')).toBe(true)
    expect(stderr).toBe('')
    expect(code).toBe(0)
  })

  it('refuses an invalid survey with its issues and exit 1', async () => {
    const result = await runCli(['generate', '--survey', fixture('broken-points.yaml'), '--count', '5'])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain(`${fixture('broken-points.yaml')}: surveyPoints is 32`)
  })

  it('explains missing or bad options and exits 1', async () => {
    const missing = await runCli(['generate', '--count', '5'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('usage: pnpm parsurvey generate')
    const bad = await runCli(['generate', '--survey', fixture('valid-commune.json'), '--count', 'many'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('--count must be a whole number')
    const unknown = await runCli(['generate', '--survey', fixture('valid-commune.json'), '--count', '1', '--colour'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('--colour')
  })
})
