import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csvCell, csvLine, neutraliseFormula, type Cell } from './csv.ts'
import { csvStream } from './csv-stream.ts'
import { tableOf } from './table.ts'

// The neutralisation and quoting as first written (one replace and one test per cell): the fast
// paths must give exactly what they gave.
const reference = {
  neutralise(text: string): string {
    const inside = text.replace(/([;\r\n])(?=[=+\-@\t])/g, "$1'")
    return /^[=+\-@\t\r]/.test(inside) ? `'${inside}` : inside
  },
  cell(value: Cell): string {
    if (value === null) return ''
    if (typeof value === 'number') return csvCell(value)
    const safe = reference.neutralise(value)
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
  },
}

/** Text rich in what matters here: formula starts, separators, quotes, Vietnamese, astral and lone surrogates. */
const text = fc.string({
  unit: fc.constantFrom(
    '=',
    '+',
    '-',
    '@',
    '\t',
    '\r',
    '\n',
    ';',
    ',',
    '"',
    "'",
    'a',
    '1',
    ' ',
    'Đ',
    'ộ',
    '😀',
    '\ud800',
  ),
  maxLength: 12,
})
const cell: fc.Arbitrary<Cell> = fc.oneof(text, fc.constant(null), fc.double(), fc.integer())

const encoder = new TextEncoder()

/**
 * Everything a CSV stream of these rows gives, as bytes: in one batch, or in batches of `batch`
 * rows (with an empty batch after each), as a response table gives them.
 */
async function streamed(rows: Cell[][], columns: number, batch?: number): Promise<Buffer> {
  const table = tableOf(
    Array.from({ length: columns }, (_, i) => ({ id: `c${i}` })),
    rows,
  )
  if (batch !== undefined)
    table.batches = (async function* () {
      for (let i = 0; i < rows.length; i += batch) {
        yield rows.slice(i, i + batch)
        yield []
      }
    })()
  const parts: Uint8Array[] = []
  for await (const part of csvStream(table, { locale: 'vi', ids: true })) parts.push(part)
  return Buffer.concat(parts)
}

describe('CSV cells', () => {
  it('neutralises formulas exactly as the one-regex reference, on texts full of formula characters', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(neutraliseFormula(t)).toBe(reference.neutralise(t))
        expect(csvCell(t)).toBe(reference.cell(t))
      }),
      { numRuns: 20_000 },
    )
  })

  it('leaves plain text alone and guards every place a cell could start a formula', () => {
    expect(csvCell('Sở Nội vụ')).toBe('Sở Nội vụ')
    expect(csvCell('3f2b6c1e-0000-4000-8000-000000000001')).toBe('3f2b6c1e-0000-4000-8000-000000000001')
    expect(csvCell('-1')).toBe("'-1")
    expect(csvCell(-1)).toBe('-1')
    expect(csvCell('a;=1+2*3;b')).toBe("a;'=1+2*3;b")
    expect(csvCell('x, y;=1')).toBe(`"x, y;'=1"`)
    expect(csvCell('one\n=2+2')).toBe(`"one\n'=2+2"`)
  })
})

describe('CSV stream', () => {
  it('gives the bytes of the header and every record, whatever repeats from row to row', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }).chain((columns) =>
          fc.tuple(
            fc.constant(columns),
            // Rows built from a few values, so that columns repeat their previous value often.
            fc.array(
              fc.array(fc.oneof(cell, fc.constantFrom<Cell>('same', 1, null)), {
                minLength: columns,
                maxLength: columns,
              }),
              {
                maxLength: 40,
              },
            ),
          ),
        ),
        fc.integer({ min: 1, max: 5 }),
        async ([columns, rows], batch) => {
          const header = Array.from({ length: columns }, (_, i) => `c${i}`)
          const expected = encoder.encode(`\uFEFF${[header, ...rows].map((row) => csvLine(row)).join('')}`)
          expect((await streamed(rows, columns)).equals(expected)).toBe(true)
          expect((await streamed(rows, columns, batch)).equals(expected)).toBe(true)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('streams records longer than a chunk and many chunks of Vietnamese text whole', async () => {
    const long = 'Ý kiến khác: '.repeat(20_000)
    const rows: Cell[][] = [['a', long, 1]]
    for (let i = 0; i < 30_000; i++) rows.push([`Phường ${i % 7}`, i % 3 === 0 ? '=SUM(A1)' : 'Đồng ý', i / 7])
    rows.push(['😀', long, null])
    const expected = `\uFEFFc0,c1,c2\r\n${rows.map((row) => csvLine(row)).join('')}`
    for (const batch of [undefined, 1, 29]) {
      const got = await streamed(rows, 3, batch)
      expect(got.length).toBe(encoder.encode(expected).length)
      expect(got.toString('utf8')).toBe(expected)
    }
  })
})
