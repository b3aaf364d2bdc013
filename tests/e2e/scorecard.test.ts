import { generateResponses, type ScorecardReply, type Survey, type SurveyScores } from '@parsurvey/shared'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { logIn, sendBatch } from '../support/api-client.ts'
import { useServerAndBrowser } from '../support/e2e-suite.ts'
import { fieldApp } from '../support/field-app.ts'
import { screenshotPath } from '../support/screenshots.ts'
import type { ServerProcess } from '../support/server-process.ts'

const vi = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
const viInt = new Intl.NumberFormat('vi-VN')

let server: ServerProcess
let browser: Browser
useServerAndBrowser((s, b) => {
  server = s
  browser = b
})

/** POSTs a CSV import (self-assessment or adjustments) as the analyst and expects it stored. */
async function importCsv(cookie: string, query: string, route: string, csv: string): Promise<void> {
  const res = await fetch(`${server.url}/api/${route}/apply?${query}&fileName=import.csv`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'text/csv' },
    body: csv,
  })
  expect(res.status, await res.clone().text()).toBe(201)
}

/** The text of a PDF, laid out as printed, or (`layout` false) in the order written (-raw keeps a line's final hyphen). */
const pdfText = (file: string, layout = true) =>
  execFileSync('pdftotext', [layout ? '-layout' : '-raw', file, '-'], { encoding: 'utf8' })
const pdfPages = (file: string) =>
  Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1])
/** The images of a PDF (`pdfimages -list` prints two header lines, then one line per image). */
const pdfImages = (file: string) =>
  execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2)

/**
 * Fills `surveyId` with generated responses, the office's self-assessment and a bonus for `unitId`, then
 * opens that unit's summary in Chromium as the analyst, checks the card against the server's figures and
 * prints it: one A4 page with the unit's Vietnamese name, its rank and total, its domains and a chart.
 */
async function printScorecard(surveyId: string, unitId: string, responseCount: number, shot: string): Promise<void> {
  const query = `surveyId=${surveyId}&version=1`
  const surveyor = await logIn(server.url, 'surveyor', server.logins.get('surveyor')!)
  const analyst = await logIn(server.url, 'analyst', server.logins.get('analyst')!)
  const survey = (await (
    await fetch(`${server.url}/api/surveys/${surveyId}/versions/1`, { headers: { cookie: surveyor } })
  ).json()) as Survey
  const responses = [...generateResponses(survey, responseCount, `scorecard-${surveyId}`)]
  for (let i = 0; i < responses.length; i += 100) {
    const reply = await sendBatch(server.url, surveyor, responses.slice(i, i + 100))
    expect(reply.results.every((r) => r.status === 'stored')).toBe(true)
  }
  // The office's appraised self-assessment for every unit and a bonus for the unit printed.
  const self = survey.units.map((u, i) => `${u.id},${50 + (i % 20)}`).join('\n')
  await importCsv(analyst, query, 'self-assessment', `unitId,selfAssessment\n${self}\n`)
  await importCsv(analyst, query, 'adjustments', `unitId,points,reason\n${unitId},1.5,Sáng kiến cấp tỉnh\n`)

  const get = async <T>(url: string): Promise<T> =>
    (await (await fetch(`${server.url}${url}`, { headers: { cookie: analyst } })).json()) as T
  const { cards, ranked } = await get<ScorecardReply>(`/api/results/scorecard?${query}&unitId=${unitId}`)
  const card = cards[0]!
  const score = (await get<SurveyScores>(`/api/scores?${query}`)).units.find((u) => u.unitId === unitId)!
  expect(score.rank).not.toBeNull()
  expect(card.row.total).toBe(score.total)
  expect(card.row.rank).toBe(score.rank)

  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' })
  const page = await desk.newPage()
  await page.goto(server.url)
  await fieldApp(page).logIn('analyst', server.logins.get('analyst')!)
  await page.goto(`${server.url}/analysis/summary/${unitId}?survey=${encodeURIComponent(`${surveyId}@1`)}`)
  await page.getByTestId('chart-scorecard').waitFor()
  expect((await page.getByTestId('summary-print').textContent())!.trim()).toBe('In phiếu điểm')

  // The card on screen shows the server's figures, written the Vietnamese way.
  const rankText = `Xếp hạng ${score.rank}/${ranked}`
  expect((await page.getByTestId('scorecard-rank').textContent())!.trim()).toBe(rankText)
  expect(await page.getByTestId('scorecard-total').textContent()).toContain(vi.format(score.total!))
  expect(await page.getByTestId('scorecard-adjustments').textContent()).toContain('+1,50 (Sáng kiến cấp tỉnh)')
  for (const d of card.domains) {
    const cells = await page.getByTestId(`scorecard-domain-${d.id}`).locator('td').allTextContents()
    expect(cells.map((c) => c.trim())).toEqual([vi.format(d.max), vi.format(d.points), vi.format(d.province!)])
  }
  expect(card.weakest.length).toBeGreaterThan(0)
  for (const w of card.weakest)
    expect(await page.getByTestId(`scorecard-weak-${w.criterionId}`).textContent()).toContain(
      `${vi.format(w.points)} / ${vi.format(w.maxPoints)}`,
    )
  for (const g of card.groups) {
    const cells = await page.getByTestId(`scorecard-group-${g.groupId}`).locator('td').allTextContents()
    expect(cells.slice(0, 2).map((c) => c.trim())).toEqual([viInt.format(g.responses), viInt.format(g.expected)])
  }

  // Printed: one A4 page with the unit, its rank and total, and the chart as a picture.
  const pdf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-scorecard-')), 'phieu-diem.pdf')
  await page.pdf({ path: pdf, format: 'A4' })
  // What the office gets on paper, as a picture beside the other views' screenshots.
  execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', pdf, screenshotPath(shot)])
  expect(pdfPages(pdf)).toBe(1)
  const text = pdfText(pdf)
  expect(text).toContain(survey.units.find((u) => u.id === unitId)!.name.vi)
  expect(text).toContain(rankText)
  expect(text).toContain(vi.format(score.total!))
  expect(text).toContain('Bình quân tỉnh')
  // Every domain and group by its full Vietnamese name (a table cell may wrap a long name onto two lines).
  const flat = pdfText(pdf, false).replace(/\s+/g, ' ')
  for (const d of card.domains) expect(flat).toContain(`${d.id}. ${d.label}`)
  for (const g of card.groups) expect(flat).toContain(g.label)
  // The full criteria table and the group × domain matrix stay on screen only.
  expect(text).not.toContain('Ma trận nhóm đối tượng')
  expect(pdfImages(pdf).length).toBeGreaterThanOrEqual(1)

  // The scores page names the kind of units ranked: since 2025 communes, wards and special zones.
  await page.goto(`${server.url}/analysis/scores?survey=${encodeURIComponent(`${surveyId}@1`)}`)
  const kind = { department: 'Sở, ban, ngành', commune: 'Xã, phường, đặc khu' }[survey.unitKind as string]
  await expect.poll(() => page.locator('main h2').first().textContent()).toContain(`· ${kind} · ${survey.year}`)
  await desk.close()
}

describe('the unit scorecard in Chromium', () => {
  it('an analyst prints a department’s scorecard on one A4 page whose figures are the server’s', async () => {
    await printScorecard('par-2026-department', 'so-noi-vu', 600, 'scorecard-print')
  })

  it('a commune’s scorecard prints on one A4 page too, its names and diacritics intact', async () => {
    // The longest-named special zone, among 84 communes with three groups and eight domains.
    await printScorecard('par-2026-commune', 'dac-khu-con-co-xanh', 900, 'scorecard-print-commune')
  })
})
