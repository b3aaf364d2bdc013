/**
 * The expressions of `relevant` and `constraint` (grammar and coercion rules in README.md), as
 * the parser gives them to the evaluator. `at` is the 0-based character offset in the source.
 */
export type Expr =
  | { kind: 'ref'; name: string; at: number }
  | { kind: 'current'; at: number }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'compare'; op: CompareOp; left: Expr; right: Expr }
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; arg: Expr }
  | { kind: 'negate'; arg: Expr }
  | { kind: 'selected'; list: Expr; value: Expr }
  | { kind: 'count-selected'; list: Expr }

/** Longer expressions are refused before parsing: the parser and evaluator recurse per nesting level. */
export const EXPRESSION_MAX_LENGTH = 1000

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>='

export const COMPARE_OPS: readonly CompareOp[] = ['=', '!=', '<', '<=', '>', '>=']

/** What an expression computes: text, a number, a truth value, or the values of a multiple-choice answer. */
export type Value = string | number | boolean | readonly string[]

/** The `${name}` references of an expression, in source order. */
export function referencesOf(expr: Expr): { name: string; at: number }[] {
  switch (expr.kind) {
    case 'ref':
      return [{ name: expr.name, at: expr.at }]
    case 'current':
    case 'string':
    case 'number':
      return []
    case 'compare':
    case 'and':
    case 'or':
      return [...referencesOf(expr.left), ...referencesOf(expr.right)]
    case 'not':
    case 'negate':
      return referencesOf(expr.arg)
    case 'selected':
      return [...referencesOf(expr.list), ...referencesOf(expr.value)]
    case 'count-selected':
      return referencesOf(expr.list)
    default:
      return expr satisfies never
  }
}

/** The place of the first `.` (the answer being checked), or undefined when there is none. */
export function currentAt(expr: Expr): number | undefined {
  switch (expr.kind) {
    case 'current':
      return expr.at
    case 'ref':
    case 'string':
    case 'number':
      return undefined
    case 'compare':
    case 'and':
    case 'or':
      return currentAt(expr.left) ?? currentAt(expr.right)
    case 'not':
    case 'negate':
      return currentAt(expr.arg)
    case 'selected':
      return currentAt(expr.list) ?? currentAt(expr.value)
    case 'count-selected':
      return currentAt(expr.list)
    default:
      return expr satisfies never
  }
}
