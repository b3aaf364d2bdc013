import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CompareOp, Expr } from './ast.ts'
import { parseExpression } from './parse.ts'

const ok = (source: string): Expr => {
  const parsed = parseExpression(source)
  if (!parsed.ok) throw new Error(`${source}: ${parsed.error.detail}`)
  return parsed.expr
}
const ref = (name: string, at: number): Expr => ({ kind: 'ref', name, at })

/** Prints a tree with the fewest parentheses the precedence rules allow (README.md). */
function print(expr: Expr, outer = 0): string {
  const level = LEVEL[expr.kind === 'compare' ? expr.op : expr.kind] ?? 9
  let text: string
  switch (expr.kind) {
    case 'ref':
      return `\${${expr.name}}`
    case 'current':
      return '.'
    case 'string':
      return `'${expr.value}'`
    case 'number':
      return String(expr.value)
    case 'not':
      return `not(${print(expr.arg)})`
    case 'negate':
      return `-${print(expr.arg, 9)}`
    case 'selected':
      return `selected(${print(expr.list)}, ${print(expr.value)})`
    case 'count-selected':
      return `count-selected(${print(expr.list)})`
    case 'compare':
      text = `${print(expr.left, level)} ${expr.op} ${print(expr.right, level + 1)}`
      break
    case 'and':
    case 'or':
      text = `${print(expr.left, level)} ${expr.kind} ${print(expr.right, level + 1)}`
      break
  }
  return level < outer ? `(${text})` : text
}
const LEVEL: Record<string, number> = { or: 1, and: 2, '=': 6, '!=': 6, '<': 7, '<=': 7, '>': 7, '>=': 7 }

/** Trees without source positions, to compare a parse with the tree that was printed. */
function strip(expr: Expr): unknown {
  return JSON.parse(JSON.stringify(expr, (key, value: unknown) => (key === 'at' ? undefined : value)))
}

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  fc.constantFrom('a', 'q_1', 'b.2', 'xã-3').map((name): Expr => ({ kind: 'ref', name, at: 0 })),
  fc.constant<Expr>({ kind: 'current', at: 0 }),
  fc.constantFrom('', 'yes', 'Khác (ghi rõ)').map((value): Expr => ({ kind: 'string', value })),
  fc.constantFrom(0, 1, 2.5, 18).map((value): Expr => ({ kind: 'number', value })),
)
const tree: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc
      .tuple(fc.constantFrom<CompareOp>('=', '!=', '<', '<=', '>', '>='), tie('e'), tie('e'))
      .map(([op, left, right]): Expr => ({ kind: 'compare', op, left, right })),
    fc
      .tuple(fc.constantFrom<'and' | 'or'>('and', 'or'), tie('e'), tie('e'))
      .map(([kind, left, right]): Expr => ({ kind, left, right })),
    tie('e').map((arg): Expr => ({ kind: 'not', arg })),
    fc.tuple(tie('e'), tie('e')).map(([list, value]): Expr => ({ kind: 'selected', list, value })),
    tie('e').map((list): Expr => ({ kind: 'count-selected', list })),
  ),
})).e

describe('parseExpression', () => {
  it('reads references, the current answer, texts and numbers with their places', () => {
    expect(ok("${q1} = 'yes'")).toEqual({
      kind: 'compare',
      op: '=',
      left: ref('q1', 0),
      right: { kind: 'string', value: 'yes' },
    })
    expect(ok('. >= -5')).toEqual({
      kind: 'compare',
      op: '>=',
      left: { kind: 'current', at: 0 },
      right: { kind: 'negate', arg: { kind: 'number', value: 5 } },
    })
    expect(ok('.5 < .')).toMatchObject({ left: { kind: 'number', value: 0.5 }, right: { kind: 'current', at: 5 } })
    expect(ok('count-selected( ${m} ) > 1')).toMatchObject({ left: { kind: 'count-selected', list: ref('m', 16) } })
  })

  it('binds or loosest, then and, then = and !=, then < <= > >=, grouping from the left', () => {
    expect(strip(ok('${a} or ${b} and ${c}'))).toEqual(strip(ok('${a} or (${b} and ${c})')))
    expect(strip(ok('${a} = 1 and ${b} < 2'))).toEqual(strip(ok('(${a} = 1) and (${b} < 2)')))
    expect(strip(ok('${a} = ${b} < 2'))).toEqual(strip(ok('${a} = (${b} < 2)')))
    expect(strip(ok('${a} = ${b} != ${c}'))).toEqual(strip(ok('(${a} = ${b}) != ${c}')))
  })

  it('parses back every tree printed with the fewest parentheses', () => {
    fc.assert(
      fc.property(tree, (expr) => {
        expect(strip(ok(print(expr)))).toEqual(strip(expr))
      }),
      { numRuns: 1000 },
    )
  })

  it('refuses what is outside the grammar, saying what and where', () => {
    const cases: [string, string][] = [
      ['${a} + 1', 'syntax'],
      ['${a} == 1', 'syntax'],
      ['concat(${a}, "x")', 'unsupported'],
      ['selected(${a})', 'unsupported'],
      ['age > 3', 'unsupported'],
      ['${a}.length', 'unsupported'],
      ['true', 'unsupported'],
      ['${a} ? 1 : 2', 'unsupported'],
      ['${a} = ', 'syntax'],
      ['${a', 'syntax'],
      ['(${a} = 1', 'syntax'],
      ['   ', 'empty'],
      ['x'.repeat(1001), 'too-long'],
    ]
    for (const [source, reason] of cases) {
      const parsed = parseExpression(source)
      expect(parsed.ok, source).toBe(false)
      if (!parsed.ok) expect(parsed.error.reason, source).toBe(reason)
    }
    const open = parseExpression('${a} = 1 and (')
    expect(open.ok === false && open.error.at).toBe(14)
  })

  it('refuses code of any kind: it builds a tree of the grammar, never runs or reaches anything', () => {
    const hostile = [
      'eval("1")',
      'Function("return process")()',
      'constructor.constructor("return process")()',
      '${a}.constructor',
      '${a}["constructor"]',
      '${a}[0]',
      '__proto__',
      'this',
      'process.exit(1)',
      'globalThis',
      'new Date()',
      '[1, 2]',
      '`x`',
      '${a} = 1; process.exit(1)',
      '${a} = 1, 2',
      '(() => 1)()',
      'selected(${a}, 1).constructor',
      'count-selected(${a}, ${b})',
      'not(${a}, ${b})',
      'selected(${a}, "x", "y")',
      '${a} || ${b}',
      '${a} && ${b}',
      '!${a}',
    ]
    for (const source of hostile) {
      const parsed = parseExpression(source)
      expect(parsed.ok, source).toBe(false)
      if (!parsed.ok) expect(['syntax', 'unsupported'], source).toContain(parsed.error.reason)
    }
  })

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60, unit: fc.constantFrom(...'${}().,\'" =!<>-andorselectd1xq'.split('')) }),
        (s) => {
          parseExpression(s)
        },
      ),
      { numRuns: 3000 },
    )
    expect(parseExpression('('.repeat(900)).ok).toBe(false)
  })
})
