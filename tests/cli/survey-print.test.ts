import { parseSurveyText } from '@parsurvey/shared'
import { createServices, openDatabase } from '@parsurvey/server'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { fixture, repoRoot, runCli } from './run-cli.ts'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-print-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

/** The PDF's text as poppler reads it back (what a search or a screen reader gets). */
const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1])

describe('pnpm parsurvey survey print', () => {
  it('writes numbered A4 forms as a PDF with Vietnamese text, question numbers and skip instructions', async () => {
    const out = path.join(dir, 'citizen.pdf')
    const run = await runCli([
      'survey',
      'print',
      ...['--survey', fixture('valid-typed.yaml'), '--group', 'citizen', '--unit', 'huyen-a'],
      ...['--from', '41', '--count', '2', '--out', out],
    ])
    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(run.stdout).toContain('wrote 2 paper forms of test-2025-typed v1')
    const text = pdfText(out)
    expect(text).toContain('Số phiếu')
    expect(text).toMatch(/000041[\s\S]*000042/)
    expect(text).toContain('Đơn vị được đánh giá: Huyện A')
    expect(text).toContain('Đối tượng trả lời: Người dân')
    expect(text).toContain('Câu 6. Đã dùng dịch vụ trực tuyến?')
    expect(text).toContain('Nếu chọn «Không», chuyển sang câu 9.')
    expect(text).toContain('Chỉ hỏi nếu ở câu 7 có chọn «Cổng dịch vụ công».')
    expect(text).toContain('Ghi một số nguyên từ 0 đến 50.')
    expect(text).toContain('Xin trân trọng cảm ơn Ông/Bà!')
    // Each copy starts on its own page, and every page names its form.
    const perCopy = pages(out) / 2
    expect(Number.isInteger(perCopy)).toBe(true)
    expect(text).toContain(`Số phiếu: 000042 · ${perCopy}/${perCopy}`)
  })

  it('prints a blank form of every group as HTML for the browser, in English when asked', async () => {
    const out = path.join(dir, 'all.html')
    const run = await runCli(['survey', 'print', '--survey', fixture('valid-typed.yaml'), '--lang', 'en', '--out', out])
    expect(run).toMatchObject({ code: 0, stderr: '' })
    const html = fs.readFileSync(out, 'utf8')
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('@page { size: A4')
    expect(html.match(/<article class="copy"/g)).toHaveLength(2)
    expect(html).toContain('data-group="leader"')
    expect(html).toContain('If “Không”, go to question 9.')
    expect(html).not.toContain('<script')
  })

  it('prints the latest published version of a survey id from the database', async () => {
    const dataDir = fs.mkdtempSync(path.join(dir, 'data-'))
    const parsed = parseSurveyText(
      fs.readFileSync(path.join(repoRoot, 'surveys/par-2026-commune.yaml'), 'utf8'),
      'x.yaml',
    )
    if (!parsed.ok) throw new Error('demo survey is invalid')
    const db = openDatabase(path.join(dataDir, 'parsurvey.db'))
    createServices(db).sqlite.surveys.publish(parsed.survey, null)
    db.close()
    const out = path.join(dir, 'commune.pdf')
    const run = await runCli(['survey', 'print', '--survey', 'par-2026-commune', '--group', 'delegate', '--out', out], {
      DATA_DIR: dataDir,
    })
    expect(run).toMatchObject({ code: 0, stderr: '' })
    const text = pdfText(out)
    expect(text).toContain('Phiếu điều tra xã hội học')
    expect(text).toContain('Đối tượng trả lời: Đại biểu HĐND tỉnh')
    expect(text).toContain('Câu 1.')
  })

  it('refuses bad input with a message naming it, and never overwrites a file', async () => {
    const print = (...args: string[]) => runCli(['survey', 'print', '--survey', fixture('valid-typed.yaml'), ...args])
    const out = path.join(dir, 'bad.pdf')
    const zero = await print('--from', '0', '--count', '5', '--out', out)
    expect(zero.code).toBe(1)
    expect(zero.stderr).toContain('The first form number (from) must be a whole number from 1')
    expect(fs.existsSync(out)).toBe(false)
    expect((await print('--group', 'nobody', '--out', out)).stderr).toContain(
      'The survey has no respondent group “nobody”.',
    )
    expect((await print('--out', path.join(dir, 'form.txt'))).stderr).toContain('usage:')
    const missing = await runCli(['survey', 'print', '--survey', 'no-such-survey', '--out', out], { DATA_DIR: dir })
    expect(missing.code).toBe(1)
    fs.writeFileSync(out, 'keep me')
    expect((await print('--out', out)).stderr).toContain('an existing file is never overwritten')
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me')
  })
})
