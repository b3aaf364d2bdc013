import type { CompareOp, Expr, Value } from './ast.ts'

/** What an expression can see: the value of `${name}` and of `.` (README.md, "Values"). */
export type Scope = { ref(name: string): Value; current: Value }

/** Computes an expression (README.md, "Coercion"). Never throws on any value. */
export function evaluate(expr: Expr, scope: Scope): Value {
  switch (expr.kind) {
    case 'ref':
      return scope.ref(expr.name)
    case 'current':
      return scope.current
    case 'string':
    case 'number':
      return expr.value
    case 'and':
      return toBoolean(evaluate(expr.left, scope)) && toBoolean(evaluate(expr.right, scope))
    case 'or':
      return toBoolean(evaluate(expr.left, scope)) || toBoolean(evaluate(expr.right, scope))
    case 'not':
      return !toBoolean(evaluate(expr.arg, scope))
    case 'negate':
      return -toNumber(evaluate(expr.arg, scope))
    case 'compare':
      return compare(expr.op, evaluate(expr.left, scope), evaluate(expr.right, scope))
    case 'selected':
      return itemsOf(evaluate(expr.list, scope)).includes(toText(evaluate(expr.value, scope)).trim())
    case 'count-selected':
      return itemsOf(evaluate(expr.list, scope)).length
    default:
      return expr satisfies never
  }
}

/** The truth of an expression, as `relevant` and `constraint` read it. */
export function holds(expr: Expr, scope: Scope): boolean {
  return toBoolean(evaluate(expr, scope))
}

/** XPath's boolean(): a number is true unless 0 or NaN, a text or a list unless empty. */
export function toBoolean(value: Value): boolean {
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value)
  return value.length > 0
}

const NUMBER_TEXT = /^\s*-?(\d+(\.\d*)?|\.\d+)\s*$/

/** XPath's number(): decimal digits with an optional sign and point, else NaN (so '' is NaN). */
export function toNumber(value: Value): number {
  if (typeof value === 'number') return value
  if (typeof value === 'boolean') return value ? 1 : 0
  const text = typeof value === 'string' ? value : value.join(' ')
  return NUMBER_TEXT.test(text) ? Number(text) : NaN
}

/** XPath's string(): a list of choices is its values separated by spaces, as XLSForm stores it. */
export function toText(value: Value): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  return value.join(' ')
}

function itemsOf(value: Value): readonly string[] {
  if (Array.isArray(value)) return value as readonly string[]
  return toText(value as Exclude<Value, readonly string[]>)
    .split(/\s+/)
    .filter((item) => item !== '')
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

function compare(op: CompareOp, left: Value, right: Value): boolean {
  if (op === '=' || op === '!=') {
    const equal =
      typeof left === 'boolean' || typeof right === 'boolean'
        ? toBoolean(left) === toBoolean(right)
        : typeof left === 'number' || typeof right === 'number'
          ? toNumber(left) === toNumber(right)
          : toText(left) === toText(right)
    return op === '=' ? equal : !equal
  }
  // Two dates compare as dates (ODK does); anything else as numbers, where NaN compares false.
  const l = typeof left === 'string' && DATE.test(left) && typeof right === 'string' && DATE.test(right)
  const [a, b]: [string, string] | [number, number] = l
    ? [left as string, right as string]
    : [toNumber(left), toNumber(right)]
  switch (op) {
    case '<':
      return a < b
    case '<=':
      return a <= b
    case '>':
      return a > b
    case '>=':
      return a >= b
    default:
      return op satisfies never
  }
}
