import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Value } from './ast.ts'
import { evaluate, holds, toNumber } from './evaluate.ts'
import { parseExpression } from './parse.ts'

/** Evaluates `source` with `${name}` taken from `values` (absent = blank) and `.` = `current`. */
function run(source: string, values: Record<string, Value> = {}, current: Value = ''): Value {
  const parsed = parseExpression(source)
  if (!parsed.ok) throw new Error(parsed.error.detail)
  return evaluate(parsed.expr, { ref: (name) => values[name] ?? '', current })
}

const value: fc.Arbitrary<Value> = fc.oneof(
  fc.constantFrom<Value>('', ' ', 'yes', '0', '3', '3.0', ' 7 ', '-2', '.5', 'abc', '2025-10-01', '2026-01-31', 'NaN'),
  fc.double({ noNaN: false }),
  fc.integer({ min: -5, max: 5 }),
  fc.boolean(),
  fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }),
)
const ops = ['=', '!=', '<', '<=', '>', '>='] as const

describe('evaluate', () => {
  it('!= is always the negation of =, and = is symmetric', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        const eq = run('${a} = ${b}', { a, b })
        expect(run('${a} != ${b}', { a, b })).toBe(!eq)
        expect(run('${b} = ${a}', { a, b })).toBe(eq)
      }),
      { numRuns: 2000 },
    )
  })

  it('compares numbers as numbers, also when one side is a text of digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), (a, b) => {
        expect(run('${a} < ${b}', { a, b })).toBe(a < b)
        expect(run('${a} >= ${b}', { a: String(a), b })).toBe(a >= b)
        expect(run(`\${a} = ${b}`, { a: ` ${a} ` })).toBe(a === b)
      }),
    )
    expect(run("'10' > '9'")).toBe(true)
  })

  it('a blank answer is no number: every ordering and = are false, != is true', () => {
    fc.assert(
      fc.property(fc.double(), fc.constantFrom(...ops), (n, op) => {
        expect(run(`\${blank} ${op} \${n}`, { n })).toBe(op === '!=')
      }),
    )
    expect(run("${blank} = ''")).toBe(true)
    expect(run('not(${blank})')).toBe(true)
  })

  it('compares two dates as dates, and a date with a number as numbers (never true)', () => {
    expect(run("${d} < '2025-10-02'", { d: '2025-10-01' })).toBe(true)
    expect(run("${d} >= '2026-01-01'", { d: '2025-12-31' })).toBe(false)
    expect(run('${d} < 5', { d: '2025-10-01' })).toBe(false)
  })

  it('and, or and not follow the truth of their parts, or binding looser than and', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), (a, b, c) => {
        const v = { a: a ? 'x' : '', b: b ? 1 : 0, c }
        expect(run('${a} or ${b} and ${c}', v)).toBe(a || (b && c))
        expect(run('not(${a} or ${b}) and ${c}', v)).toBe(!(a || b) && c)
        expect(run('${a} and ${b} or ${c}', v)).toBe((a && b) || c)
      }),
    )
  })

  it('selected and count-selected read a multiple choice, a single choice or a spaced text', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'other')),
        fc.constantFrom('a', 'b', 'c', 'other'),
        (list, v) => {
          expect(run(`selected(\${m}, '${v}')`, { m: list })).toBe(list.includes(v))
          expect(run('count-selected(${m})', { m: list })).toBe(list.length)
          expect(run(`selected(\${m}, ' ${v} ')`, { m: list.join(' ') })).toBe(list.includes(v))
          expect(run('${m} = ${t}', { m: list, t: list.join(' ') })).toBe(true)
        },
      ),
    )
    expect(run("selected(${s}, 'yes')", { s: 'yes' })).toBe(true)
    expect(run('count-selected(${blank})')).toBe(0)
  })

  it('. is the answer being checked', () => {
    expect(run('. >= 1 and . <= 120', {}, 35)).toBe(true)
    expect(run('. >= 1 and . <= 120', {}, 0)).toBe(false)
    expect(
      run("count-selected(.) <= 2 and not(selected(., 'none') and count-selected(.) > 1)", {}, ['none', 'a']),
    ).toBe(false)
  })

  it('never throws and gives a truth for every value', () => {
    fc.assert(
      fc.property(value, value, fc.constantFrom(...ops), (a, b, op) => {
        const parsed = parseExpression(`-\${a} ${op} \${b} or not(\${a})`)
        if (!parsed.ok) throw new Error(parsed.error.detail)
        expect(typeof holds(parsed.expr, { ref: (n) => (n === 'a' ? a : b), current: '' })).toBe('boolean')
      }),
    )
    expect(toNumber('1e3')).toBeNaN()
  })
})
