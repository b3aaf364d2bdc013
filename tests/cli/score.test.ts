import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { built, builtCli } from '../support/built-server.ts'

const root = resolve(import.meta.dirname, '../..')
const fixtures = resolve(root, 'tests/fixtures/score')

/** Runs `pnpm parsurvey score …` as a user would from `cwd` (pnpm sets INIT_CWD to it). */
function score(args: string[], cwd = fixtures): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [built(builtCli), 'score', ...args], {
    cwd: root,
    env: { ...process.env, INIT_CWD: cwd },
    encoding: 'utf8',
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/*
 * tests/fixtures/score by hand (leader weight 2, minCell 1; citizen weight 1, minCell 3; don't-know excluded):
 * so-xay-dung  q1: leaders 1, .75 → .875; citizens .5, 0 (n=2 < 3, absent) → s .875
 *              q2: leaders .75 (one don't-know) → .75                → 1.1 = (.875+.75)/2 × 4 = 3.25
 *              q3: citizens .75, 1, .5 → .75                          → 1.2 = .75 × 2 = 1.5
 *              q4: leaders .5, .75 → .625; citizens n=2 (one blank) absent → 2.1 = .625 × 4 = 2.5
 *              survey 7.25; self 80 → total 87.25 (tot)
 * so-tai-chinh q1: leader .5 (w2), citizens .75 (w1) → 1.75/3; q2 no data → 1.1 = 7/3 = 2.3333…
 *              q3: citizens 0 → 1.2 = 0;  q4: leader 0, citizens 1 → 1/3 → 2.1 = 4/3
 *              survey 11/3 = 3.6667 → 3.67; self 86.33 → 89.99667 → total 90 (xuat-sac)
 * so-cong-thuong no responses → 0, every leaf flagged; self 87.25 → total 87.25, ties so-xay-dung
 *              at rank 2 and comes first by name ("Công" < "Xây").
 * so-y-te      no responses, no self → unranked, last.
 * Line 11 repeats line 1's id: skipped as a duplicate.
 */
const flagsAll = ['insufficient-data:1.1', 'insufficient-data:1.2', 'insufficient-data:2.1']
const expected = {
  surveyId: 'score-fixture-2025',
  surveyVersion: 1,
  units: [
    {
      unitId: 'so-tai-chinh',
      responses: 4,
      surveyPoints: 3.666666666666667,
      surveyPointsRounded: 3.67,
      selfAssessment: 86.33,
      adjustments: 0,
      total: 90,
      classification: 'xuat-sac',
      rank: 1,
      criteria: { '1.1': 2.3333333333333335, '1.2': 0, '2.1': 1.3333333333333333 },
      flags: [],
    },
    {
      unitId: 'so-cong-thuong',
      responses: 0,
      surveyPoints: 0,
      surveyPointsRounded: 0,
      selfAssessment: 87.25,
      adjustments: 0,
      total: 87.25,
      classification: 'tot',
      rank: 2,
      criteria: { '1.1': 0, '1.2': 0, '2.1': 0 },
      flags: flagsAll,
    },
    {
      unitId: 'so-xay-dung',
      responses: 5,
      surveyPoints: 7.25,
      surveyPointsRounded: 7.25,
      selfAssessment: 80,
      adjustments: 0,
      total: 87.25,
      classification: 'tot',
      rank: 2,
      criteria: { '1.1': 3.25, '1.2': 1.5, '2.1': 2.5 },
      flags: [],
    },
    {
      unitId: 'so-y-te',
      responses: 0,
      surveyPoints: 0,
      surveyPointsRounded: 0,
      selfAssessment: null,
      adjustments: 0,
      total: null,
      classification: null,
      rank: null,
      criteria: { '1.1': 0, '1.2': 0, '2.1': 0 },
      flags: flagsAll,
    },
  ],
}

const scratch = mkdtempSync(join(tmpdir(), 'parsurvey-score-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('pnpm parsurvey score', () => {
  it('prints the hand-checked scores as exactly the contract JSON, in rank order', () => {
    const run = score(['--survey', 'survey.yaml', '--responses', 'responses.jsonl', '--self', 'self.csv'])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(`${JSON.stringify(expected)}\n`)
    expect(JSON.parse(run.stdout)).toEqual(expected)
  })

  it('notes a repeated response id on stderr and counts the response once', () => {
    const run = score(['--survey', 'survey.yaml', '--responses', 'responses.jsonl'])
    expect(run.stderr).toContain('line 11: response "5c0e0000-0000-4000-8000-000000000001" was already read on line 1')
  })

  it('ranks on rounded survey points when no self-assessment is given', () => {
    const run = score(['--survey', 'survey.yaml', '--responses', 'responses.jsonl'])
    const units = JSON.parse(run.stdout).units as { unitId: string; rank: number; total: null }[]
    expect(units.map((u) => [u.unitId, u.rank, u.total])).toEqual([
      ['so-xay-dung', 1, null],
      ['so-tai-chinh', 2, null],
      ['so-cong-thuong', 3, null],
      ['so-y-te', 3, null],
    ])
  })

  it('refuses invalid lines with exit 2, naming each line and field, and prints nothing on stdout', () => {
    const run = score(['--survey', 'survey.yaml', '--responses', 'responses-invalid.jsonl'])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^line 2: not valid JSON/m)
    expect(run.stderr).toMatch(/^line 4: unitId: .*so-khong-co/m)
    expect(run.stderr).toMatch(/^line 5: answers\.q3: .*tuyet-voi/m)
    expect(run.stderr).toContain('--skip-invalid')
  })

  it('scores the valid lines with --skip-invalid, still listing the invalid ones', () => {
    const run = score(['--survey', 'survey.yaml', '--responses', 'responses-invalid.jsonl', '--skip-invalid'])
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/^line 2: /m)
    // lines 1 and 3 of so-xay-dung: a leader (q1 1, q2 .75, q4 .5) and one citizen (n=1 < 3, absent):
    // 1.1 = (1 + .75)/2 × 4 = 3.5; 1.2 only citizens → no data; 2.1 = .5 × 4 = 2
    const units = JSON.parse(run.stdout).units as {
      unitId: string
      responses: number
      criteria: Record<string, number>
      flags: string[]
    }[]
    const unit = units.find((u) => u.unitId === 'so-xay-dung')
    expect(unit).toMatchObject({
      responses: 2,
      criteria: { '1.1': 3.5, '1.2': 0, '2.1': 2 },
      flags: ['insufficient-data:1.2'],
    })
  })

  it('refuses responses that break the survey logic or a type, and scores only the single choices of the rest', () => {
    const scored = { q1: 'good', q3: 'fair', q4: 'poor' }
    const lines: Record<string, unknown>[] = [
      { ...scored, q1: 'very-good', online: 'no', 'why-not': 'Không có mạng' },
      {
        ...scored,
        online: 'yes',
        ways: ['web', 'other'],
        'ways:other': 'Zalo',
        satisfied: 'yes',
        visits: 3,
        fee: 12.5,
        'visited-on': '2024-02-29',
      },
      { ...scored, online: 'no', 'why-not': 'x', ways: ['app'] },
      { ...scored, online: 'yes', ways: ['web', 'app', 'post'], satisfied: 'yes' },
      { ...scored, online: 'no', 'why-not': 'x', visits: 13 },
      { ...scored, online: 'no', 'why-not': 'x', visits: '3' },
      { ...scored, online: 'yes', ways: ['web'] },
      { ...scored },
    ]
    const jsonl = lines.map((answers, i) =>
      JSON.stringify({
        id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
        surveyId: 'test-2025-typed',
        surveyVersion: 1,
        unitId: 'huyen-b',
        groupId: 'citizen',
        locationId: null,
        channel: 'field',
        answers,
        startedAt: '2025-10-01T08:00:00+07:00',
        submittedAt: '2025-10-01T08:10:00+07:00',
        deviceId: 'tablet-1',
      }),
    )
    writeFileSync(join(scratch, 'typed.jsonl'), `${jsonl.join('\n')}\n`)
    const survey = resolve(root, 'tests/fixtures/surveys/valid-typed.yaml')
    const refused = score(['--survey', survey, '--responses', 'typed.jsonl'], scratch)
    expect(refused).toMatchObject({ code: 2, stdout: '' })
    expect(refused.stderr).toMatch(/^line 3: answers\.ways: /m) // asked only when online is yes
    expect(refused.stderr).toMatch(/^line 4: answers\.ways: .*Pick at most 2\./m) // the survey's own message
    expect(refused.stderr).toMatch(/^line 5: answers\.visits: /m) // . != 13
    expect(refused.stderr).toMatch(/^line 6: answers\.visits: /m) // a text, not a number
    expect(refused.stderr).toMatch(/^line 7: answers\.satisfied: /m) // relevant and required, left blank
    expect(refused.stderr).toMatch(/^line 8: answers\.online: /m) // required, left blank
    expect(refused.stderr).not.toMatch(/^line [12]:/m)

    const run = score(['--survey', survey, '--responses', 'typed.jsonl', '--skip-invalid'], scratch)
    expect(run.code).toBe(0)
    const unit = (JSON.parse(run.stdout) as typeof expected).units.find((u) => u.unitId === 'huyen-b')!
    // Two citizens (minCell 2): q1 1 and .75 → 1.1 = .875 × 10; q3 .5 and q4 0 → 2.1 = .25 × 16; 1.2 is asked of leaders only.
    expect(unit).toMatchObject({
      responses: 2,
      criteria: { '1.1': 8.75, '1.2': 0, '2.1': 4 },
      flags: ['insufficient-data:1.2'],
    })
  })

  it('writes CSV with a BOM, CRLF, leaf columns, empty cells for nulls and joined flags', () => {
    const run = score([
      '--survey',
      'survey.yaml',
      '--responses',
      'responses.jsonl',
      '--self',
      'self.csv',
      '--format',
      'csv',
    ])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(
      '\uFEFFunitId,responses,surveyPoints,surveyPointsRounded,selfAssessment,adjustments,total,classification,rank,criterion:1.1,criterion:1.2,criterion:2.1,flags\r\n' +
        'so-tai-chinh,4,3.666666666666667,3.67,86.33,0,90,xuat-sac,1,2.3333333333333335,0,1.3333333333333333,\r\n' +
        'so-cong-thuong,0,0,0,87.25,0,87.25,tot,2,0,0,0,insufficient-data:1.1;insufficient-data:1.2;insufficient-data:2.1\r\n' +
        'so-xay-dung,5,7.25,7.25,80,0,87.25,tot,2,3.25,1.5,2.5,\r\n' +
        'so-y-te,0,0,0,,0,,,,0,0,0,insufficient-data:1.1;insufficient-data:1.2;insufficient-data:2.1\r\n',
    )
  })

  it('reads responses and self-assessments saved with a BOM and CRLF line ends', () => {
    const jsonl = readFileSync(join(fixtures, 'responses.jsonl'), 'utf8')
    writeFileSync(join(scratch, 'responses.jsonl'), `\uFEFF${jsonl.replace(/\n/g, '\r\n')}`)
    writeFileSync(join(scratch, 'self.csv'), `\uFEFF${readFileSync(join(fixtures, 'self.csv'), 'utf8')}`)
    const run = score(
      ['--survey', join(fixtures, 'survey.yaml'), '--responses', 'responses.jsonl', '--self', 'self.csv'],
      scratch,
    )
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual(expected)
  })

  it('refuses a self-assessment file with unknown units or bad values, naming line and field', () => {
    const run = score(['--survey', 'survey.yaml', '--responses', 'responses.jsonl', '--self', 'self-invalid.csv'])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('self-invalid.csv, line 3, field unitId: The unit "so-bi-mat" is not in this survey.')
    expect(run.stderr).toContain('line 4, field selfAssessment')
    expect(run.stderr).toContain('line 5, field selfAssessment')
    expect(run.stderr).toContain('line 6, field unitId')
  })

  it('adds bonus and penalty points to the totals and ranks on them (--adjustments)', () => {
    const run = score([
      ...['--survey', 'survey.yaml', '--responses', 'responses.jsonl'],
      ...['--self', 'self-domains.csv', '--adjustments', 'adjustments.csv'],
    ])
    expect(run.code).toBe(0)
    const units = (JSON.parse(run.stdout) as typeof expected).units
    expect(units.map((u) => [u.unitId, u.adjustments, u.total, u.rank])).toEqual([
      ['so-tai-chinh', 0, 90, 1],
      ['so-xay-dung', 0.5, 87.75, 2],
      ['so-cong-thuong', -0.5, 86.75, 3],
      ['so-y-te', 0, null, null],
    ])
  })

  it('refuses bad adjustment rows and domains that do not add up, naming line and field', () => {
    writeFileSync(
      join(scratch, 'adj-bad.csv'),
      'unitId,points,reason\nso-bi-mat,1,x\nso-xay-dung,1.005,y\nso-y-te,1,\n',
    )
    writeFileSync(join(scratch, 'self-bad.csv'), 'unitId,selfAssessment,domain:1,domain:2\nso-xay-dung,80,50,29\n')
    const survey = join(fixtures, 'survey.yaml')
    const responses = join(fixtures, 'responses.jsonl')
    const adj = score(['--survey', survey, '--responses', responses, '--adjustments', 'adj-bad.csv'], scratch)
    expect(adj).toMatchObject({ code: 2, stdout: '' })
    expect(adj.stderr).toContain('adj-bad.csv, line 2, field unitId: The unit "so-bi-mat" is not in this survey.')
    expect(adj.stderr).toContain('line 3, field points: The points 1.005 have more than 2 decimals.')
    expect(adj.stderr).toContain('line 4, field reason')
    const self = score(['--survey', survey, '--responses', responses, '--self', 'self-bad.csv'], scratch)
    expect(self.code).toBe(2)
    expect(self.stderr).toContain(
      'self-bad.csv, line 2, field selfAssessment: The domains add up to 79, not to the self-assessment 80.',
    )
  })

  it('explains its usage with exit 2 when an option is missing or unknown', () => {
    expect(score(['--survey', 'survey.yaml'])).toMatchObject({ code: 2, stdout: '' })
    expect(score(['--survey', 'survey.yaml', '--responses', 'responses.jsonl', '--format', 'xml']).code).toBe(2)
    expect(score(['--survey', 'survey.yaml', '--responses', 'nowhere.jsonl']).stderr).toContain('nowhere.jsonl')
  })
})
