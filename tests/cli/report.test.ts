import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import * as XLSX from 'xlsx'
import { built, builtCli } from '../support/built-server.ts'
import { convertWithLibreOffice, pdfPageToPng } from '../support/office.ts'
import { screenshotPath } from '../support/screenshots.ts'

const root = path.resolve(import.meta.dirname, '../..')
const fixtures = path.resolve(root, 'tests/fixtures/score')
const scratch = fs.mkdtempSync(path.join(tmpdir(), 'parsurvey-report-'))
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }))

/** Last year's totals, as `pnpm parsurvey score` wrote them (only units and totals are read). */
fs.writeFileSync(
  path.join(scratch, 'last-year.json'),
  JSON.stringify({ surveyId: 'score-fixture-2024', surveyVersion: 1, units: [{ unitId: 'so-xay-dung', total: 85.5 }] }),
)

function report(out: string, extra: string[] = []) {
  const args = [
    ...[
      'report',
      '--survey',
      path.join(fixtures, 'survey.yaml'),
      '--responses',
      path.join(fixtures, 'responses.jsonl'),
    ],
    ...['--self', path.join(fixtures, 'self-domains.csv'), '--adjustments', path.join(fixtures, 'adjustments.csv')],
    ...['--previous', 'last-year.json', '--out', out, ...extra],
  ]
  const run = spawnSync(process.execPath, [built(builtCli), ...args], {
    cwd: root,
    env: { ...process.env, INIT_CWD: scratch },
    encoding: 'utf8',
  })
  return { code: run.status, stderr: run.stderr, file: path.join(scratch, out) }
}

describe('pnpm parsurvey report --out results.xlsx (read back with SheetJS, an independent reader)', () => {
  const run = report('ket-qua.xlsx')
  const workbook = XLSX.read(fs.readFileSync(run.file), { cellNF: true, bookFiles: true })
  const sheet = workbook.Sheets[workbook.SheetNames[0]!]!
  const rows = XLSX.utils.sheet_to_json<(string | number | null)[]>(sheet, { header: 1, defval: null })

  it('has a title row, a two-row Vietnamese header with domains over self / survey / total', () => {
    expect(run.code).toBe(0)
    expect(workbook.SheetNames).toEqual(['Phụ lục kết quả', 'Điểm thưởng, điểm trừ', 'Ghi chú dữ liệu'])
    expect(rows[0]![0]).toBe('Kết quả Chỉ số cải cách hành chính năm 2025: Phiếu kiểm thử chấm điểm')
    expect(rows[2]!.slice(0, 5)).toEqual(['STT', 'Đơn vị', '1. Thủ tục hành chính', null, null])
    expect(rows[3]!.slice(2, 8)).toEqual(['Tự đánh giá', 'Điều tra XHH', 'Tổng', 'Tự đánh giá', 'Điều tra XHH', 'Tổng'])
    expect(rows[2]!.slice(8)).toEqual([
      'Điểm tự đánh giá (sau thẩm định)',
      'Điểm điều tra xã hội học',
      'Điểm thưởng / trừ',
      'Tổng điểm',
      'Tỷ lệ % so với điểm tối đa',
      'Xếp hạng',
      'Xếp loại',
      'Tổng điểm năm trước',
      'Tăng (+) / giảm (−)',
      'Số phiếu',
    ])
  })

  it('lists units in rank order with names, numbers as numbers in 2 decimals, class labels and the change', () => {
    const units = rows.slice(4, 8)
    expect(units.map((r) => [r[1], r[11], r[13], r[14]])).toEqual([
      ['Sở Tài chính', 90, 1, 'Xuất sắc'],
      ['Sở Xây dựng', 87.75, 2, 'Tốt'],
      ['Sở Công Thương', 86.75, 3, 'Tốt'],
      ['Sở Y tế', null, null, null],
    ])
    // Sở Xây dựng: domain 1 = 3.25 + 1.5 survey points with 50 self; domain 2 = 2.5 with 30.
    expect(units[1]!.slice(2, 8)).toEqual([50, 4.75, 54.75, 30, 2.5, 32.5])
    expect(units[1]!.slice(8, 13)).toEqual([80, 7.25, 0.5, 87.75, 87.75])
    expect(units[1]!.slice(15, 17)).toEqual([85.5, 2.25])
    const cell = sheet[XLSX.utils.encode_cell({ r: 5, c: 11 })]!
    expect(cell).toMatchObject({ t: 'n', v: 87.75, z: '0.00' })
  })

  it('counts units per class under the table', () => {
    const start = rows.findIndex((r) => r[1] === 'Số đơn vị theo xếp loại')
    expect(rows.slice(start + 2, start + 7).map((r) => r.slice(1, 4))).toEqual([
      ['Xuất sắc', 1, '1/3'],
      ['Tốt', 2, '2/3'],
      ['Khá', 0, '0/3'],
      ['Trung bình', 0, '0/3'],
      ['Yếu', 0, '0/3'],
    ])
  })

  it('freezes the header, prints A4 landscape fitted to the width with the header on every page', () => {
    const names = workbook.Workbook?.Names ?? []
    expect(names.find((n) => n.Name === '_xlnm.Print_Titles')?.Ref).toMatch(/\$3:\$4$/)
    const files = (workbook as unknown as { files: Record<string, { content: Uint8Array }> }).files
    const xml = new TextDecoder().decode(files['xl/worksheets/sheet1.xml']!.content)
    expect(xml).toMatch(/<pane [^>]*xSplit="2" ySplit="4"[^>]*state="frozen"/)
    expect(xml).toMatch(/<pageSetup [^>]*paperSize="9"[^>]*orientation="landscape"/)
    expect(xml).toMatch(/<pageSetup [^>]*fitToWidth="1" fitToHeight="0"/)
    expect(xml).toMatch(/<pageSetUpPr fitToPage="1"\/>/)
  })

  it('lists the bonus and penalty points with their reasons', () => {
    const adjustments = XLSX.utils.sheet_to_json<unknown[]>(workbook.Sheets['Điểm thưởng, điểm trừ']!, { header: 1 })
    expect(adjustments).toEqual([
      ['Đơn vị', 'Điểm', 'Lý do'],
      ['Sở Xây dựng', 0.5, 'Sáng kiến cải cách được tỉnh công nhận'],
      ['Sở Công Thương', -0.25, 'Chậm báo cáo quý I'],
      ['Sở Công Thương', -0.25, 'Chậm báo cáo quý II'],
    ])
  })

  it('opens in LibreOffice and prints each sheet on A4 landscape, one page wide, with its Vietnamese text', () => {
    const pdf = convertWithLibreOffice(run.file, 'pdf', fs.mkdtempSync(path.join(scratch, 'xlsx-pdf-')))
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout
    // Three short sheets (appendix, bonus and penalty points, data notes): one landscape page each.
    expect(info).toMatch(/^Pages:\s+3$/m)
    expect(info).toMatch(/^Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)$/m)
    const pages = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout.split('\f')
    expect(pages[0]).toContain('Kết quả Chỉ số cải cách hành chính năm 2025')
    expect(pages[0]).toMatch(/1 Sở Tài chính .* 90[.,]00 .* Xuất sắc/)
    expect(pages[0]).toContain('Số đơn vị theo xếp loại')
    expect(pages[1]).toContain('Chậm báo cáo quý II')
    // The data notes, every column on the one page.
    expect(pages[2]).toContain('Tính 0 điểm (thiếu dữ liệu)')
    expect(pages[2]).toContain('Không áp dụng')
    pdfPageToPng(pdf, 1, screenshotPath('report-xlsx-page1.png'))
  }, 180_000)

  it('never overwrites a file and refuses an output that is neither .xlsx nor .docx', () => {
    const again = report('ket-qua.xlsx')
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('ket-qua.xlsx')
    expect(report('ket-qua.pdf')).toMatchObject({ code: 2 })
  })
})

describe('pnpm parsurvey report --out results.docx (opened with LibreOffice)', () => {
  // LibreOffice's first start (a new profile) and two conversions take a minute on a busy machine.
  it('lays out in LibreOffice with the tables, the chart, the findings and the data-quality paragraph', () => {
    const run = report('bao-cao.docx')
    expect(run.code).toBe(0)
    const text = fs.readFileSync(convertWithLibreOffice(run.file, 'txt:Text', scratch), 'utf8')
    expect(text).toContain('Kết quả Chỉ số cải cách hành chính năm 2025')
    expect(text).toContain('Số đơn vị theo xếp loại: Xuất sắc: 1/3 đơn vị; Tốt: 2/3 đơn vị')
    expect(text).toMatch(/Sở Tài chính\s+86,33\s+3,67\s+0,00\s+90,00\s+90,00\s+Xuất sắc/)
    expect(text).toContain('3. Các tiêu chí đạt thấp nhất toàn tỉnh')
    expect(text).toContain('Đã thu 9 phiếu hợp lệ trên 20 phiếu theo chỉ tiêu (45,00 %)')
    expect(text).toContain('Sở Công Thương: -0,25 điểm — Chậm báo cáo quý I')
    const pdf = convertWithLibreOffice(run.file, 'pdf', scratch)
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-')
    // The first pages as images, to look at (tests/.artifacts/screenshots).
    for (const page of [1, 2]) {
      const png = pdfPageToPng(pdf, page, screenshotPath(`report-docx-page${page}.png`))
      expect(fs.readFileSync(png).subarray(1, 4).toString()).toBe('PNG')
    }
    // The chart is a PNG inside the document.
    const media = spawnSync('unzip', ['-l', run.file], { encoding: 'utf8' }).stdout
    expect(media).toMatch(/word\/media\/\S+\.png/)
  }, 180_000)
})

describe('pnpm parsurvey report --scorecards --out scorecards.docx (opened with LibreOffice)', () => {
  it('prints one A4 page per unit with its figures, its domains against the province average and its groups', () => {
    const run = report('phieu-diem.docx', ['--scorecards'])
    expect(run.code).toBe(0)
    const pdf = convertWithLibreOffice(run.file, 'pdf', scratch)
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout
    expect(info).toMatch(/^Pages:\s+4$/m) // the fixture's 4 units
    expect(info).toMatch(/^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/m)
    const pages = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout.split('\f')
    expect(pages[0]).toContain('Sở Tài chính')
    expect(pages[0]).toContain('Xếp hạng 1/3')
    expect(pages[1]).toContain('Sở Xây dựng')
    expect(pages[1]).toMatch(/Điểm thưởng \/ trừ[\s\S]*\+0,50 — Sáng kiến cải cách được tỉnh công nhận/)
    expect(pages[3]).toContain('Sở Y tế')
    expect(pages[3]).toContain('Chưa xếp hạng')
    // Sở Xây dựng's domain 1 is 4.75 survey points, as in the appendix; the 3 units with responses average 3.54.
    expect(pages[1]).toMatch(/1\. Thủ tục hành chính \(Tối đa 6,00\)\s+4,75\s+3,54/)
    expect(pages[1]).toContain('Bình quân tỉnh')
    expect(pages[1]).toContain('Số phiếu theo nhóm đối tượng')
    const png = pdfPageToPng(pdf, 2, screenshotPath('scorecards-docx-page2.png'))
    expect(fs.readFileSync(png).subarray(1, 4).toString()).toBe('PNG')
  })

  it('keeps one page per unit with the demo survey’s long domain names, each on one line of the domain table', () => {
    const cli = (args: string[]) =>
      spawnSync(process.execPath, [built(builtCli), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 })
    const demo = path.join(root, 'surveys/par-2026-department.yaml')
    const generated = cli(['generate', '--survey', demo, '--count', '400', '--seed', '15'])
    expect(generated.status).toBe(0)
    const jsonl = path.join(scratch, 'demo.jsonl')
    fs.writeFileSync(jsonl, generated.stdout)
    const out = path.join(scratch, 'phieu-diem-demo.docx')
    expect(cli(['report', '--survey', demo, '--responses', jsonl, '--scorecards', '--out', out]).status).toBe(0)
    const pdf = convertWithLibreOffice(out, 'pdf', scratch)
    // The demo survey's 18 departments and boards, one page each.
    expect(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout).toMatch(/^Pages:\s+18$/m)
    const first = spawnSync('pdftotext', ['-layout', '-l', '1', pdf, '-'], { encoding: 'utf8' }).stdout
    expect(first).toMatch(/1\. Công tác chỉ đạo, điều hành cải cách hành chính \(Tối đa 2,50\)\s+\d+,\d\d\s+\d+,\d\d/)
    expect(first).toMatch(/5\. Cải cách chế độ công vụ \(Tối đa 4,00\)\s+\d+,\d\d\s+\d+,\d\d/)
    pdfPageToPng(pdf, 1, screenshotPath('scorecards-docx-demo.png'))
  }, 180_000)

  it('refuses --scorecards with an .xlsx output', () => {
    const run = report('phieu-diem.xlsx', ['--scorecards'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--scorecards')
  })
})
