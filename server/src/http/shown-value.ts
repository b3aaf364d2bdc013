/**
 * A value from a request, as short text for an error message. `String(value)` is not safe on
 * parsed JSON: `{"toString": null}` (or an array holding one) makes it throw, which turned a bad
 * field into a 500. Objects are shown as JSON, which never calls methods of parsed data.
 */
export function shownValue(value: unknown, max = 40): string {
  if (typeof value === 'string') return value.slice(0, max)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value === null || value === undefined) return ''
  try {
    return (JSON.stringify(value) ?? '').slice(0, max)
  } catch {
    return ''
  }
}
