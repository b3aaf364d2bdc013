import ExcelJS from 'exceljs'
import { PassThrough, Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { columnLetters, packageParts, SHEET_PATH, SHEET_TAIL, sheetHead, sheetRow } from './xlsx-parts.ts'
import { zipWriter } from './zip-writer.ts'

/** A one-sheet workbook written through zipWriter with `options`, read back by exceljs. */
async function workbookThrough(options: Parameters<typeof zipWriter>[1]): Promise<ExcelJS.Worksheet> {
  const output = new PassThrough()
  const bytes = new Response(Readable.toWeb(output) as ReadableStream<Uint8Array>).arrayBuffer()
  const zip = zipWriter(output, options)
  for (const [path, xml] of packageParts('zip')) await zip.add(path, xml)
  const sheet = zip.entry(SHEET_PATH)
  const letters = columnLetters(2)
  await sheet.write(sheetHead([10, 10], 2) + sheetRow(['id', 'n'], 1, letters, 1) + sheetRow(['Mã', 'Số'], 2, letters, 1))
  for (let r = 3; r < 1003; r++) await sheet.write(sheetRow([`phiếu ${r}`, r], r, letters))
  await sheet.write(SHEET_TAIL)
  await sheet.end()
  await zip.finish()
  output.end()
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await bytes)
  return workbook.worksheets[0]!
}

describe('zipWriter', () => {
  it('writes an archive that a zip reader opens, at any deflate level', async () => {
    for (const level of [0, 1, 9]) {
      const sheet = await workbookThrough({ level })
      expect(sheet.actualRowCount).toBe(1002)
      expect(sheet.getRow(1002).values).toEqual([undefined, 'phiếu 1002', 1002])
    }
  })

  it('switches to zip64 records past the 4 GiB bound and stays readable', async () => {
    // The bound lowered to 0 puts every entry and the directory through the zip64 path.
    const sheet = await workbookThrough({ level: 1, zip64Above: 0 })
    expect(sheet.actualRowCount).toBe(1002)
    expect(sheet.getRow(500).values).toEqual([undefined, 'phiếu 500', 500])
  })

  it('refuses a new entry while the previous one is open', () => {
    const zip = zipWriter(new PassThrough())
    zip.entry('a.txt')
    expect(() => zip.entry('b.txt')).toThrow(/not ended/)
  })
})
