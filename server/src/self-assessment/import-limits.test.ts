import ExcelJS from 'exceljs'
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../testing/harness.ts'
import type { SelfAssessmentPreview } from '@parsurvey/shared'
import { unpackZip } from '../uploads/zip.ts'
import { IMPORT_LIMITS } from './read-table.ts'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const query = '?surveyId=test-2025-district&version=1'

async function send(
  step: 'preview' | 'apply',
  body: Uint8Array | string | ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
) {
  const cookie = await t.login('analyst')
  return t.app.request(`/api/self-assessment/${step}${query}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'text/csv', 'accept-language': 'en', ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit)
}
const previewOf = async (body: Uint8Array | string, type?: string) =>
  (await (await send('preview', body, type ? { 'content-type': type } : {})).json()) as SelfAssessmentPreview
const storedSets = () => t.db.prepare('SELECT COUNT(*) FROM self_assessment_sets').pluck().get()

async function xlsx(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Điểm')
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** The entries of a ZIP (no ZIP64, as exceljs writes them). */
function unzip(zip: Buffer): Map<string, Buffer> {
  const entries = new Map<string, Buffer>()
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  let at = zip.readUInt32LE(eocd + 16)
  for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
    const method = zip.readUInt16LE(at + 10)
    const size = zip.readUInt32LE(at + 20)
    const nameLength = zip.readUInt16LE(at + 28)
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString()
    const local = zip.readUInt32LE(at + 42)
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    const data = zip.subarray(start, start + size)
    entries.set(name, method === 8 ? inflateRawSync(data) : data)
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
  }
  return entries
}

/** A ZIP of the entries, deflated, with honest sizes and CRCs. */
function zipOf(entries: Map<string, Buffer>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, content] of entries) {
    const data = deflateRawSync(content)
    const nameBytes = Buffer.from(name)
    const head = Buffer.alloc(30)
    head.writeUInt32LE(0x04034b50, 0)
    head.writeUInt16LE(20, 4)
    head.writeUInt16LE(8, 8)
    head.writeUInt32LE(crc32(content), 14)
    head.writeUInt32LE(data.length, 18)
    head.writeUInt32LE(content.length, 22)
    head.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(crc32(content), 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(content.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(head, nameBytes, data)
    centrals.push(central, nameBytes)
    offset += head.length + nameBytes.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.size, 8)
  end.writeUInt16LE(entries.size, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

/** A valid workbook whose sheet XML is padded with `padding` bytes of whitespace (legal XML). */
async function zipBomb(padding: number): Promise<Buffer> {
  const entries = unzip(
    await xlsx([
      ['unitId', 'selfAssessment'],
      ['huyen-a', 60],
    ]),
  )
  const sheet = entries.get('xl/worksheets/sheet1.xml')!
  const close = sheet.lastIndexOf('</worksheet>')
  entries.set(
    'xl/worksheets/sheet1.xml',
    Buffer.concat([sheet.subarray(0, close), Buffer.alloc(padding, 0x20), sheet.subarray(close)]),
  )
  return zipOf(entries)
}

const { zip: ZIP_LIMITS } = IMPORT_LIMITS

describe('XLSX that unpacks to far more than it weighs (zip bomb)', () => {
  it('is refused before exceljs unpacks it: a clear file error, nothing applied', async () => {
    const bomb = await zipBomb(ZIP_LIMITS.inflatedBytes * 3)
    expect(bomb.length).toBeLessThan(200 * 1024)
    const preview = await previewOf(bomb, XLSX_TYPE)
    expect(preview.ok).toBe(false)
    expect(preview.errors.map((e) => e.code)).toEqual(['self-assessment-unzipped-too-large'])
    expect(preview.errors[0]!.message).toContain('5 MB')
    const apply = await send('apply', bomb, { 'content-type': XLSX_TYPE })
    expect(apply.status).toBe(422)
    expect(storedSets()).toBe(0)
  })

  it('is refused with bytes prepended to the ZIP too: what the guard cannot read never reaches exceljs', async () => {
    const bomb = await zipBomb(ZIP_LIMITS.inflatedBytes * 3)
    for (const prefix of [Buffer.from('PK\x03\x04'), Buffer.alloc(4096, 0x41)]) {
      const prepended = Buffer.concat([prefix, bomb])
      expect(await unpackZip(prepended, ZIP_LIMITS)).toEqual({ ok: false, reason: 'damaged' })
      // Declared as XLSX, or recognised by the ZIP signature the first prefix starts with.
      const type = prefix.length === 4 ? 'application/octet-stream' : XLSX_TYPE
      const preview = await previewOf(prepended, type)
      expect(preview.errors.map((e) => e.code)).toEqual(['self-assessment-damaged'])
      expect(preview.errors[0]!.message).toContain('.xlsx')
      expect((await send('apply', prepended, { 'content-type': XLSX_TYPE })).status).toBe(422)
    }
    // A harmless workbook with bytes prepended is refused the same way, with what to do about it.
    const good = await xlsx([
      ['unitId', 'selfAssessment'],
      ['huyen-a', 60],
    ])
    const vi = await send('preview', Buffer.concat([Buffer.alloc(16), good]), {
      'content-type': XLSX_TYPE,
      'accept-language': 'vi',
    })
    const { errors } = (await vi.json()) as SelfAssessmentPreview
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('Tệp Excel bị hỏng')])
    expect(storedSets()).toBe(0)
  })

  it('the guard lets the same workbook padded below the limits through, and exceljs then loads it', async () => {
    const padded = await zipBomb(900 * 1024)
    expect(await unpackZip(padded, ZIP_LIMITS)).toMatchObject({ ok: true })
    expect((await previewOf(padded, XLSX_TYPE)).values).toEqual({ 'huyen-a': 60 })
  })

  it('counts entries, bounds each entry’s compression ratio, and trusts inflated sizes rather than the headers', async () => {
    const many = zipOf(
      new Map(Array.from({ length: ZIP_LIMITS.entries + 1 }, (_, i) => [`x${i}`, Buffer.from('a')] as const)),
    )
    expect(await unpackZip(many, ZIP_LIMITS)).toEqual({ ok: false, reason: 'unzipped-too-large' })
    // 3 MB of zeros: under the total, but it compresses 1,000 to 1, as no real sheet does.
    const dense = zipOf(new Map([['zeros', Buffer.alloc(3 * 1024 * 1024)]]))
    expect(await unpackZip(dense, ZIP_LIMITS)).toEqual({ ok: false, reason: 'unzipped-too-large' })
    expect(await unpackZip(dense, { ...ZIP_LIMITS, ratio: 10_000 })).toMatchObject({ ok: true })
    // A header that claims 10 bytes for 30 MB: refused as soon as more than 10 bytes come out.
    const lying = zipOf(new Map([['big', Buffer.alloc(ZIP_LIMITS.inflatedBytes * 3)]]))
    lying.writeUInt32LE(10, lying.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 24)
    expect(await unpackZip(lying, { ...ZIP_LIMITS, ratio: 1e9 })).toMatchObject({ ok: false })
  })
})

describe('tables far longer than any province', () => {
  it(`refuses a CSV of more than ${IMPORT_LIMITS.rows} rows with one clear error instead of a row-by-row answer`, async () => {
    const csv = [
      'unitId,selfAssessment',
      ...Array.from({ length: IMPORT_LIMITS.rows + 1 }, (_, i) => `unit-${i},50`),
    ].join('\n')
    const preview = await previewOf(csv)
    expect(preview.errors.map((e) => e.code)).toEqual(['self-assessment-too-many-rows'])
    expect(preview.rows).toEqual([])
  })

  it('refuses an XLSX with too many rows or a row reaching far to the right', async () => {
    const long = await xlsx([
      ['unitId', 'selfAssessment'],
      ...Array.from({ length: IMPORT_LIMITS.rows + 1 }, (_, i) => [`unit-${i}`, 50]),
    ])
    expect((await previewOf(long, XLSX_TYPE)).errors.map((e) => e.code)).toEqual(['self-assessment-too-many-rows'])
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('x')
    sheet.addRow(['unitId', 'selfAssessment'])
    sheet.getCell(2, 16000).value = 'far away'
    const wide = Buffer.from(await workbook.xlsx.writeBuffer())
    expect((await previewOf(wide, XLSX_TYPE)).errors.map((e) => e.code)).toEqual(['self-assessment-too-many-columns'])
  })
})

describe('broken files fail cleanly', () => {
  it('answers 413 to a 100 MB upload, declared or streamed, without reading it all', async () => {
    const declared = await send('preview', new Uint8Array(8), { 'content-length': String(100 * 1024 * 1024) })
    expect(declared.status).toBe(413)
    expect(((await declared.json()) as { error: { code: string } }).error.code).toMatch(/too-large$/)
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 100 * 1024 * 1024) return controller.close()
        sent += 1024 * 1024
        controller.enqueue(new Uint8Array(1024 * 1024).fill(0x41))
      },
    })
    const streamed = await send('apply', stream)
    expect(streamed.status).toBe(413)
    // The API-wide limit (5 MB) or the route's own (2 MB), whichever counts first: both are 413.
    expect(((await streamed.json()) as { error: { code: string } }).error.code).toMatch(
      /^(self-assessment-too-large|payload-too-large)$/,
    )
    expect(sent).toBeLessThan(10 * 1024 * 1024)
    expect(storedSets()).toBe(0)
  })

  it('explains a truncated XLSX, random bytes sent as XLSX, UTF-16 text and formulas typed into a CSV', async () => {
    const good = await xlsx([
      ['unitId', 'selfAssessment'],
      ['huyen-a', 60],
    ])
    for (const bytes of [good.subarray(0, good.length >> 1), new Uint8Array(500).fill(7)]) {
      const preview = await previewOf(bytes, XLSX_TYPE)
      expect(preview.ok).toBe(false)
      expect(preview.errors.map((e) => e.code)).toEqual(['self-assessment-damaged'])
    }
    const utf16 = Buffer.from('\uFEFFunitId,selfAssessment\nhuyen-a,60\n', 'utf16le')
    expect((await previewOf(utf16)).errors.map((e) => e.code)).toEqual(['self-assessment-not-utf8'])
    const formulas = await previewOf('unitId,selfAssessment\nhuyen-a,=60+10\nhuyen-b,"=HYPERLINK(""x"")"\n')
    expect(formulas.ok).toBe(false)
    expect(formulas.rows.map((r) => r.error?.field)).toEqual(['selfAssessment', 'selfAssessment'])
    expect(storedSets()).toBe(0)
  })
})
