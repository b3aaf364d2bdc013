import { describe, expect, it } from 'vitest'
import { fixture, repoRoot, runCli } from './run-cli.ts'

describe('parsurvey validate', () => {
  it('prints a check mark with id and version for each valid file and exits 0', async () => {
    const result = await runCli(['validate', fixture('valid-district.yaml'), fixture('valid-commune.json')])
    expect(result.stderr).toBe('')
    expect(result.stdout).toBe(
      `✓ ${fixture('valid-district.yaml')} (fixture-2025-district v2)\n✓ ${fixture('valid-commune.json')} (fixture-2026-commune v1)\n`,
    )
    expect(result.code).toBe(0)
  })

  it('resolves paths against the directory the user ran pnpm from (INIT_CWD)', async () => {
    const result = await runCli(['validate', 'surveys/valid-district.yaml'], { INIT_CWD: `${repoRoot}tests/fixtures` })
    expect(result.stdout).toContain('✓ surveys/valid-district.yaml (fixture-2025-district v2)')
    expect(result.code).toBe(0)
  })

  it('lists every broken points rule of a file with its path, one per line, and exits 1', async () => {
    const file = fixture('broken-points.yaml')
    const result = await runCli(['validate', file])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr.trim().split('\n')).toEqual([
      `${file}: surveyPoints is 32 but the leaf criteria maxPoints add up to 30.`,
      `${file}: selfAssessmentPoints: surveyPoints (32) + selfAssessmentPoints (70) = 102, it must be 100.`,
      `${file}: classification[1].min: classification bands must go down strictly, but 85 is not below the previous 80.`,
      `${file}: classification[2].min: the last classification band must have min 0 (it is 10) so every total gets a class.`,
    ])
  })

  it('names broken references by path', async () => {
    const file = fixture('broken-references.yaml')
    const result = await runCli(['validate', file])
    expect(result.code).toBe(1)
    const lines = result.stderr.trim().split('\n')
    expect(lines).toHaveLength(5)
    expect(lines).toEqual(
      expect.arrayContaining([
        `${file}: questions[0].criterion "1" is not a leaf criterion; questions map only to criteria without children.`,
        `${file}: questions[0].groups[1] "business" is not a group of this survey.`,
        `${file}: questions[1].id: question id "q1" is used twice (first at questions[0].id).`,
        expect.stringContaining(`${file}: questions[0].options[1].score: option "no"`),
        expect.stringContaining(`${file}: criteria[0].children[1]: no question is mapped to leaf criterion "1.2"`),
      ]),
    )
  })

  it('reports shape errors of a JSON file and a YAML syntax error with its line', async () => {
    const result = await runCli(['validate', fixture('broken-shape.json'), fixture('broken-syntax.yaml')])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`${fixture('broken-shape.json')}: version must be a number, not a string.`)
    expect(result.stderr).toContain(`${fixture('broken-shape.json')}: surveyPoints is required but missing.`)
    expect(result.stderr).toContain(`${fixture('broken-shape.json')}: dontKnow "ignore" is not allowed`)
    expect(result.stderr).toMatch(
      new RegExp(`${fixture('broken-syntax.yaml')}: YAML syntax error at line \\d+, column \\d+`),
    )
  })

  it('checks every file even when an earlier one fails', async () => {
    const result = await runCli(['validate', fixture('broken-points.yaml'), fixture('valid-district.yaml')])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(`✓ ${fixture('valid-district.yaml')}`)
    expect(result.stderr).toContain(fixture('broken-points.yaml'))
  })

  it('says clearly when a file cannot be read', async () => {
    const result = await runCli(['validate', fixture('missing.yaml')])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`Cannot read the file "${fixture('missing.yaml')}"`)
    expect(result.stderr).toContain('ENOENT')
  })

  it('shows usage and exits 1 without files', async () => {
    const result = await runCli(['validate'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('usage: pnpm parsurvey validate')
  })
})
