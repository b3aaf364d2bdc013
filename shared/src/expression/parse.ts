import jsep from 'jsep'
import { COMPARE_OPS, EXPRESSION_MAX_LENGTH, type CompareOp, type Expr } from './ast.ts'

/**
 * Parses the XLSForm subset of README.md with jsep (a small, well-kept expression parser that
 * builds a tree and never runs code), configured for this grammar only, and narrows its tree to
 * `Expr`: anything outside the grammar (arithmetic, member access, other functions…) is a
 * syntax error with its place, never something evaluated.
 */
export type ParsedExpression = { ok: true; expr: Expr } | { ok: false; error: ExpressionError }

/** `at` is a 0-based offset into the source, when the parser knows it. */
export type ExpressionError = { reason: ExpressionErrorReason; at?: number; detail: string }
export type ExpressionErrorReason = 'syntax' | 'unsupported' | 'empty' | 'too-long'

const OPERATORS: [string, number][] = [
  ['or', 1],
  ['and', 2],
  ['=', 6],
  ['!=', 6],
  ['<', 7],
  ['<=', 7],
  ['>', 7],
  ['>=', 7],
]

// jsep keeps its configuration on one shared object; this module is its only user in the
// project, and sets it once, before the first parse.
jsep.removeAllBinaryOps()
jsep.removeAllUnaryOps()
jsep.removeAllLiterals()
for (const [op, precedence] of OPERATORS) jsep.addBinaryOp(op, precedence)
jsep.addUnaryOp('-')
jsep.hooks.add('gobble-token', function xlsformToken(env) {
  const start = this.index
  if (this.char === '$' && this.expr.charAt(start + 1) === '{') {
    const end = this.expr.indexOf('}', start + 2)
    if (end < 0) this.throwError('unclosed ${')
    this.index = end + 1
    env.node = { type: 'Reference', name: this.expr.slice(start + 2, end), at: start }
  } else if (this.char === '.' && !/[0-9]/.test(this.expr.charAt(start + 1))) {
    this.index = start + 1
    env.node = { type: 'Current', at: start }
  } else {
    // A hyphenated function name (count-selected, string-length…), which jsep would otherwise
    // read as a subtraction.
    const name = HYPHENATED_CALL.exec(this.expr.slice(start, start + 40))?.[0]
    if (name === undefined) return
    this.index = start + name.length
    this.gobbleSpaces()
    this.index++
    env.node = { type: 'CallExpression', callee: { type: 'Identifier', name }, arguments: this.gobbleArguments(41) }
  }
})

const HYPHENATED_CALL = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?=\s*\()/

class Unsupported extends Error {}

/** Parses one expression; never throws. */
export function parseExpression(source: string): ParsedExpression {
  if (source.length > EXPRESSION_MAX_LENGTH) return fail('too-long', `longer than ${EXPRESSION_MAX_LENGTH} characters`)
  if (source.trim() === '') return fail('empty', 'empty expression')
  let tree: jsep.Expression
  try {
    tree = jsep(source)
  } catch (error) {
    if (error instanceof RangeError) return fail('too-long', 'nested too deeply')
    const { index, description } = error as { index?: number; description?: string }
    return fail('syntax', description ?? String(error), index)
  }
  try {
    return { ok: true, expr: narrow(tree) }
  } catch (error) {
    if (error instanceof Unsupported) return fail('unsupported', error.message)
    if (error instanceof RangeError) return fail('too-long', 'nested too deeply')
    throw error
  }
}

function fail(reason: ExpressionErrorReason, detail: string, at?: number): ParsedExpression {
  return { ok: false, error: at === undefined ? { reason, detail } : { reason, detail, at } }
}

function narrow(node: jsep.Expression): Expr {
  switch (node.type) {
    case 'Reference':
      return { kind: 'ref', name: String(node.name), at: Number(node.at) }
    case 'Current':
      return { kind: 'current', at: Number(node.at) }
    case 'Literal': {
      const value = (node as jsep.Literal).value
      if (typeof value === 'string') return { kind: 'string', value }
      if (typeof value === 'number') return { kind: 'number', value }
      throw new Unsupported(`literal ${String((node as jsep.Literal).raw)}`)
    }
    case 'BinaryExpression': {
      const { operator, left, right } = node as jsep.BinaryExpression
      if (operator === 'and' || operator === 'or') return { kind: operator, left: narrow(left), right: narrow(right) }
      if ((COMPARE_OPS as readonly string[]).includes(operator))
        return { kind: 'compare', op: operator as CompareOp, left: narrow(left), right: narrow(right) }
      throw new Unsupported(`operator ${operator}`)
    }
    case 'UnaryExpression': {
      const { operator, argument } = node as jsep.UnaryExpression
      if (operator === '-') return { kind: 'negate', arg: narrow(argument) }
      throw new Unsupported(`operator ${operator}`)
    }
    case 'CallExpression':
      return call(node as jsep.CallExpression)
    case 'Identifier':
      throw new Unsupported(`name ${String(node.name)} (write a question as \${name})`)
    case 'Compound':
      throw new Unsupported('two parts without an operator between them')
    case 'ConditionalExpression':
      throw new Unsupported('operator ?:')
    default:
      throw new Unsupported(node.type)
  }
}

function call({ callee, arguments: args }: jsep.CallExpression): Expr {
  const name = callee.type === 'Identifier' ? String(callee.name) : '?'
  const arity = ARITY[name]
  if (arity === undefined) throw new Unsupported(`function ${name}()`)
  if (args.length !== arity) throw new Unsupported(`${name}() takes ${arity} argument(s), not ${args.length}`)
  const [first, second] = args.map(narrow) as [Expr, Expr]
  if (name === 'not') return { kind: 'not', arg: first }
  if (name === 'selected') return { kind: 'selected', list: first, value: second }
  return { kind: 'count-selected', list: first }
}

const ARITY: Record<string, number> = Object.assign(Object.create(null) as Record<string, number>, {
  not: 1,
  selected: 2,
  'count-selected': 1,
})
