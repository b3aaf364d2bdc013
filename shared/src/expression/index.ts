export { referencesOf, currentAt, EXPRESSION_MAX_LENGTH, type Expr, type Value } from './ast.ts'
export { parseExpression, type ParsedExpression, type ExpressionError, type ExpressionErrorReason } from './parse.ts'
export { evaluate, holds, toBoolean, toNumber, toText, type Scope } from './evaluate.ts'
