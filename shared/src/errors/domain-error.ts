import { formatMessage, type Locale } from './messages/index.ts'

/** Parameters interpolated into a message template: `{name}` in the template. */
export type MessageParams = Record<string, string | number>

/**
 * An expected failure of the domain (bad input, a rule broken). `code` is a stable kebab-case id,
 * `field` names the offending field (a path like `answers.q3`), the text comes from the catalogue
 * in the reader's language.
 */
export class DomainError extends Error {
  readonly code: string
  readonly field: string | undefined
  readonly params: MessageParams
  readonly status: number

  constructor(code: string, options: { field?: string; params?: MessageParams; status?: number } = {}) {
    super(formatMessage(code, options.params ?? {}, 'en'))
    this.name = 'DomainError'
    this.code = code
    this.field = options.field
    this.params = options.params ?? {}
    this.status = options.status ?? 400
  }

  /** The `{ error: { code, message, field? } }` body in the reader's language. */
  toBody(locale: Locale): { error: { code: string; message: string; field?: string } } {
    const message = formatMessage(this.code, { ...this.params, ...(this.field ? { field: this.field } : {}) }, locale)
    return { error: { code: this.code, message, ...(this.field ? { field: this.field } : {}) } }
  }
}
