import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { Cell } from './csv.ts'
import { tableOf, VIETNAMESE, type ExportColumn } from './table.ts'
import { xlsxStream } from './xlsx-stream.ts'

const columns: ExportColumn[] = [
  { id: 'text', label: { vi: 'Chữ', en: 'Text' } },
  { id: 'number', label: { vi: 'Số', en: 'Number' } },
]

async function readBack(rows: Cell[][], sheetName = 'responses-wide'): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await new Response(xlsxStream(tableOf(columns, rows), sheetName, VIETNAMESE)).arrayBuffer())
  return workbook.worksheets[0]!
}

describe('xlsxStream', () => {
  it('keeps text exactly as typed and numbers as numbers', async () => {
    const texts = [
      '=HYPERLINK("http://x","y")',
      'a < b & c > "d"',
      '  lề hai bên  ',
      'dòng 1\r\ndòng 2\nhết',
      'Tốt, nhanh; đúng hẹn 😀',
    ]
    const numbers = [0, -1.5, 1e-7, 123456789012, 0.1 + 0.2]
    const sheet = await readBack(texts.map((t, i) => [t, numbers[i]!]))
    expect(sheet.getColumn(1).values.slice(3)).toEqual(texts)
    expect(sheet.getColumn(2).values.slice(3)).toEqual(numbers)
  })

  it('leaves empty cells and non-finite numbers out, and drops characters XML cannot hold', async () => {
    const sheet = await readBack([
      [null, Number.NaN],
      ['a\u0000b\u001Fc', Number.POSITIVE_INFINITY],
      ['after', 2],
    ])
    expect(sheet.actualRowCount).toBe(2 + 2)
    expect(sheet.getRow(3).getCell(1).value).toBe(null)
    expect(sheet.getRow(3).getCell(2).value).toBe(null)
    expect(sheet.getRow(4).values).toEqual([undefined, 'abc'])
    expect(sheet.getRow(5).values).toEqual([undefined, 'after', 2])
  })

  it('writes ids then bold labels as frozen header rows, columns sized to their headers', async () => {
    const sheet = await readBack([['x', 1]])
    expect(sheet.getRow(1).values).toEqual([undefined, 'text', 'number'])
    expect(sheet.getRow(2).values).toEqual([undefined, 'Chữ', 'Số'])
    expect(sheet.getRow(2).getCell(1).font?.bold).toBe(true)
    expect(sheet.getRow(3).getCell(1).font?.bold).toBeFalsy()
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 })
    expect(sheet.getColumn(1).width).toBe(10)
  })

  it('writes the headers in English when asked', async () => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(
      await new Response(xlsxStream(tableOf(columns, []), 'x', { locale: 'en', ids: false })).arrayBuffer(),
    )
    expect(workbook.worksheets[0]!.getRow(2).values).toEqual([undefined, 'Text', 'Number'])
  })

  it('writes date columns as Excel dates in Vietnam time with a dd/mm/yyyy hh:mm format', async () => {
    const table = tableOf(
      [{ id: 'receivedAt', date: true }, { id: 'note' }],
      [
        ['2025-10-03T17:30:00.000Z', '2025-10-03T17:30:00.000Z'],
        ['not a date', null],
      ],
    )
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await new Response(xlsxStream(table, 'x', VIETNAMESE)).arrayBuffer())
    const sheet = workbook.worksheets[0]!
    const cell = sheet.getRow(3).getCell(1)
    // 17:30 UTC is 00:30 the next day in Vietnam; ExcelJS reads the serial back as that wall-clock time in UTC.
    expect(cell.value).toEqual(new Date('2025-10-04T00:30:00.000Z'))
    expect(cell.numFmt).toBe('dd/mm/yyyy hh:mm')
    expect(sheet.getRow(3).getCell(2).value).toBe('2025-10-03T17:30:00.000Z')
    expect(sheet.getRow(4).getCell(1).value).toBe('not a date')
    expect(sheet.getRow(2).getCell(1).value).toBe('Thời điểm nhận')
  })

  it('names the sheet after the export, made acceptable to Excel', async () => {
    expect((await readBack([], 'responses-wide')).name).toBe('responses-wide')
    expect((await readBack([], 'a/b:c'.repeat(10))).name).toBe('a-b-c'.repeat(10).slice(0, 31))
  })

  it('streams many rows in order and closes the table once done', async () => {
    let closed = 0
    const rows = Array.from({ length: 20_000 }, (_, i): Cell[] => [`phiếu ${i}`, i])
    const workbook = new ExcelJS.Workbook()
    const stream = xlsxStream(
      tableOf(columns, rows, () => closed++),
      'x',
      VIETNAMESE,
    )
    await workbook.xlsx.load(await new Response(stream).arrayBuffer())
    const sheet = workbook.worksheets[0]!
    expect(sheet.actualRowCount).toBe(2 + 20_000)
    expect(sheet.getRow(20_002).values).toEqual([undefined, 'phiếu 19999', 19_999])
    expect(closed).toBe(1)
  })

  it('closes the table when the download is abandoned', async () => {
    let closed = 0
    let pulled = 0
    function* endless(): Generator<Cell[]> {
      for (;;) yield [`row ${pulled++}`.repeat(20), pulled]
    }
    const table = tableOf(columns, endless(), () => closed++)
    const reader = xlsxStream(table, 'x', VIETNAMESE).getReader()
    await reader.read()
    await reader.cancel()
    await expect.poll(() => closed).toBe(1)
    expect(pulled).toBeGreaterThan(0)
  })

  it('fails the download and closes the table when reading the rows fails', async () => {
    let closed = 0
    function* failing(): Generator<Cell[]> {
      for (let i = 0; i < 5000; i++) yield [`row ${i}`, i]
      throw new Error('disk gone')
    }
    const stream = xlsxStream(
      tableOf(columns, failing(), () => closed++),
      'x',
      VIETNAMESE,
    )
    await expect(new Response(stream).arrayBuffer()).rejects.toThrow()
    expect(closed).toBe(1)
  })
})
