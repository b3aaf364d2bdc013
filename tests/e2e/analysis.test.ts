import { isSingleChoice, parseSurveyText, type Criterion, type Survey, type SurveyScores } from '@parsurvey/shared'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Download, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { runCli } from '../cli/run-cli.ts'
import { sendBatch } from '../support/api-client.ts'
import { openDesk, signIn, useDesk } from '../support/e2e-suite.ts'
import { screenshotPath } from '../support/screenshots.ts'
import { repoRoot, type ServerProcess } from '../support/server-process.ts'

const SURVEY_FILE = 'surveys/par-2026-department.yaml'
const SURVEY = 'par-2026-department@1'
const COUNT = 1500
const vi = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

let server: ServerProcess
let browser: Browser
let page: Page
let cookie: string
let jsonl: string
let survey: Survey
useDesk((desk) => ({ server, browser, page, cookie } = desk), {
  role: 'analyst',
  async prepare(server) {
    const generated = await runCli(['generate', '--survey', SURVEY_FILE, '--count', String(COUNT), '--seed', '3'])
    expect(generated.code).toBe(0)
    jsonl = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-analysis-')), 'responses.jsonl')
    fs.writeFileSync(jsonl, generated.stdout)
    const parsed = parseSurveyText(fs.readFileSync(path.join(repoRoot, SURVEY_FILE), 'utf8'), SURVEY_FILE)
    if (!parsed.ok) throw new Error('the demo survey must be valid')
    survey = parsed.survey

    // The surveyor sends everything through the sync API, 100 at a time, as devices do.
    const surveyor = await signIn(server, 'surveyor')
    const responses = generated.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown)
    for (let i = 0; i < responses.length; i += 100) {
      const reply = await sendBatch(server.url, surveyor, responses.slice(i, i + 100))
      expect(reply.results.every((r) => r.status === 'stored')).toBe(true)
    }
  },
})

const api = async <T>(url: string): Promise<T> =>
  (await (await fetch(`${server.url}${url}`, { headers: { cookie } })).json()) as T
const open = (view: string) =>
  page.goto(`${server.url}/analysis/${view}${view.includes('?') ? '&' : '?'}survey=${encodeURIComponent(SURVEY)}`)

/** Clicks a download link of the view and reads the file the browser saved. */
async function download(testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = (await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()])) as [
    Download,
    unknown,
  ]
  const saved = await file.path()
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(saved) }
}
const csvLines = (bytes: Buffer) =>
  bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
const isXlsx = (bytes: Buffer) => bytes.subarray(0, 2).toString('latin1') === 'PK'

/** (group, criterion node) pairs some question of the node is asked of: the matrix rows per unit. */
function matrixRowsPerUnit(s: Survey): number {
  let rows = 0
  const questionsUnder = (node: Criterion): string[] =>
    node.children?.length
      ? node.children.flatMap(questionsUnder)
      : s.questions.filter((q) => q.criterion === node.id && isSingleChoice(q)).map((q) => q.id)
  const visit = (nodes: Criterion[]) => {
    for (const node of nodes) {
      const ids = new Set(questionsUnder(node))
      rows += s.groups.filter((g) => s.questions.some((q) => ids.has(q.id) && q.groups.includes(g.id))).length
      visit(node.children ?? [])
    }
  }
  visit(s.criteria)
  return rows
}

describe('analyst views on 1,500 generated responses', () => {
  it('Progress shows every response against quota, per day and per surveyor, with its exports', async () => {
    await open('progress')
    await page.getByTestId('progress-late-count').waitFor()
    const progress = await api<{ cells: { unitId: string; groupId: string; responses: number }[] }>(
      `/api/progress?surveyId=par-2026-department&version=1`,
    )
    const first = progress.cells[0]!
    expect(
      Number((await page.getByTestId(`progress-${first.unitId}-${first.groupId}`).textContent())!.replace(/\./g, '')),
    ).toBe(first.responses)
    await page.getByTestId('chart-progress-by-day').waitFor()
    await page.getByTestId('surveyor-row-surveyor').waitFor()
    await page.screenshot({ path: screenshotPath('progress.png') })

    const cells = csvLines((await download('export-progress-csv')).bytes)
    // Headers in the page's language (Vietnamese), names beside ids.
    expect(cells[0]).toBe(
      'Mã đơn vị được đánh giá,Tên đơn vị được đánh giá,Mã nhóm đối tượng,Mã xã/phường khảo sát,Số phiếu,Chỉ tiêu,Tỷ lệ so với chỉ tiêu',
    )
    expect(cells.length - 1).toBe(progress.cells.length)
    expect(isXlsx((await download('export-progress-xlsx')).bytes)).toBe(true)
    // The raw responses are one click away from Progress: one wide row per response.
    const wide = csvLines((await download('export-responses-wide-csv')).bytes)
    expect(wide.length - 1).toBe(COUNT)
    expect(wide[0]!.split(',').slice(0, 5)).toEqual([
      'Mã phiếu',
      'Bộ câu hỏi',
      'Phiên bản',
      'Tình trạng phiếu',
      'Lý do hủy',
    ])
    expect(wide[1]!.split(',')[3]).toBe('Hợp lệ')
    expect(isXlsx((await download('export-responses-long-xlsx')).bytes)).toBe(true)
    const days = await api<{ days: unknown[] }>('/api/progress/by-day?surveyId=par-2026-department&version=1')
    const byDay = csvLines((await download('export-progress-by-day-csv')).bytes)
    expect(byDay[0]).toBe('Ngày (giờ Việt Nam),Số phiếu,Lũy kế')
    expect(byDay.length - 1).toBe(days.days.length)
    expect(byDay.at(-1)!.endsWith(`,${COUNT}`)).toBe(true)
    expect(csvLines((await download('export-progress-by-surveyor-csv')).bytes)).toEqual([
      'Tài khoản gửi phiếu,Số phiếu,Số đơn vị',
      `surveyor,${COUNT},${survey.units.length}`,
    ])
  })

  it('Scores shows the same ranks and rounded points as `parsurvey score` on the same JSON Lines', async () => {
    const scored = await runCli(['score', '--survey', SURVEY_FILE, '--responses', jsonl, '--format', 'json'])
    expect(scored.code).toBe(0)
    const cli = JSON.parse(scored.stdout) as SurveyScores
    expect(cli.units).toHaveLength(survey.units.length)

    await open('scores')
    await page.getByTestId(`score-row-${cli.units[0]!.unitId}`).waitFor()
    await page.getByTestId('chart-ranking').waitFor()
    const shown = await page.locator('tr[data-testid^="score-row-"]').evaluateAll((rows) =>
      rows.map((row) => ({
        unitId: row.getAttribute('data-testid')!.slice('score-row-'.length),
        rank: row.querySelector('[data-testid="score-rank"]')!.textContent!.trim(),
        points: row.querySelector('[data-testid="score-points"]')!.textContent!.trim(),
        classification: row.querySelector('[data-testid="score-class"]')!.textContent!.trim(),
      })),
    )
    // Same units, same order, same rank and published points; no self-assessment yet, so no class.
    expect(shown).toEqual(
      cli.units.map((u) => ({
        unitId: u.unitId,
        rank: String(u.rank),
        points: vi.format(u.surveyPointsRounded),
        classification: u.classification ?? '—',
      })),
    )
    await page.screenshot({ path: screenshotPath('scores.png') })

    const scores = csvLines((await download('export-scores-csv')).bytes)
    expect(scores[0]!.startsWith('Mã đơn vị được đánh giá,Tên đơn vị được đánh giá,Số phiếu,Điểm điều tra XHH,')).toBe(
      true,
    )
    expect(scores.slice(1).map((line) => line.split(',')[0])).toEqual(cli.units.map((u) => u.unitId))
    expect(isXlsx((await download('export-scores-xlsx')).bytes)).toBe(true)
    const matrix = csvLines((await download('export-matrix-csv')).bytes)
    expect(matrix[0]).toBe(
      'Mã đơn vị được đánh giá,Mã nhóm đối tượng,Lĩnh vực/tiêu chí,Tên lĩnh vực/tiêu chí,Cấp,Số câu trả lời,Điểm trung bình,"Số câu ""Không biết"""',
    )
    expect(matrix.length - 1).toBe(survey.units.length * matrixRowsPerUnit(survey))
    const png = await download('chart-png-ranking')
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  })

  it('Explain traces a leaf’s points and n to the API, down to each group', async () => {
    const unitId = survey.units[0]!.id
    await open('scores')
    await page.getByTestId(`score-row-${unitId}`).getByTestId('score-unit').click()
    await page.getByTestId('explain-unit').waitFor()
    type Explained = {
      explanation: {
        criteria: { criterionId: string; leaf: boolean; points: number }[]
        questions: { questionId: string; criterionId: string | null; groups: { groupId: string; n: number }[] }[]
      }
    }
    const reply = await api<Explained>(`/api/scores/explain?surveyId=par-2026-department&version=1&unitId=${unitId}`)
    const leaf = reply.explanation.criteria.find((c) => c.leaf)!
    const questions = reply.explanation.questions.filter((q) => q.criterionId === leaf.criterionId)
    const n = questions.reduce((sum, q) => sum + q.groups.reduce((s, g) => s + g.n, 0), 0)
    const row = page.getByTestId(`explain-leaf-${leaf.criterionId}`)
    expect((await row.getByTestId('leaf-points').textContent())!.trim()).toBe(vi.format(leaf.points))
    expect((await row.getByTestId('leaf-n').textContent())!.trim()).toBe(new Intl.NumberFormat('vi-VN').format(n))

    await page.getByTestId(`explain-toggle-${leaf.criterionId}`).click()
    const question = questions[0]!
    const group = question.groups[0]!
    const groupRow = page.getByTestId(`explain-group-${question.questionId}-${group.groupId}`)
    expect((await groupRow.getByTestId('group-n').textContent())!.trim()).toBe(
      new Intl.NumberFormat('vi-VN').format(group.n),
    )
    await page.getByTestId('chart-domains').waitFor()
    await page.screenshot({ path: screenshotPath('explain.png') })
    const matrix = csvLines((await download('export-matrix-csv')).bytes)
    expect(matrix.length - 1).toBe(survey.units.length * matrixRowsPerUnit(survey))

    await page.getByTestId('explain-summary').click()
    await expect.poll(() => page.getByTestId('summary-unit').textContent()).toBe(survey.units[0]!.name.vi)
  })

  it('Compare puts two units side by side and a unit against the province average', async () => {
    const [a, b] = [survey.units[0]!.id, survey.units[1]!.id]
    const cli = await api<SurveyScores>('/api/scores?surveyId=par-2026-department&version=1')
    const domain = survey.criteria[0]!.id
    const points = (unitId: string) => {
      const leaves = (function collect(node: Criterion): string[] {
        return node.children?.length ? node.children.flatMap(collect) : [node.id]
      })(survey.criteria[0]!)
      return leaves.reduce((sum, id) => sum + (cli.units.find((u) => u.unitId === unitId)!.criteria[id] ?? 0), 0)
    }
    await open(`compare?mode=units&a=${a}&b=${b}`)
    const row = page.getByTestId(`compare-row-${domain}`)
    await row.waitFor()
    const cells = await row.locator('td').allTextContents()
    expect(cells[1]!.trim()).toBe(vi.format(points(a)))
    expect(cells[2]!.trim()).toBe(vi.format(points(b)))
    await page.getByTestId('chart-compare').waitFor()
    await page.screenshot({ path: screenshotPath('compare.png') })

    await page.getByTestId('compare-mode-year').check()
    await page.getByTestId('compare-no-previous').waitFor()
  })

  it('a supervisor opens Progress but not Scores', async () => {
    const supervisorPage = await openDesk(server, browser, 'supervisor')
    await supervisorPage.getByTestId('nav-analysis').click()
    await supervisorPage.getByTestId('progress-late-count').waitFor()
    expect(await supervisorPage.getByTestId('analysis-nav-scores').count()).toBe(0)
    await supervisorPage.goto(`${server.url}/analysis/scores?survey=${encodeURIComponent(SURVEY)}`)
    await supervisorPage.waitForURL(`${server.url}/`)
    await supervisorPage.context().close()
  })
})
