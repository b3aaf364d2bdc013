import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isUuidV4, timeMs } from './fast-fields.ts'

// The checks of shared's fast-validate.ts, as written there.
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i
const TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/
function isTime(value: string): boolean {
  const m = TIME.exec(value)
  if (!m) return false
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (month < 1 || month > 12 || day < 1) return false
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}
const reference = (s: string): number => (isTime(s) ? Date.parse(s) : NaN)

const pad = (n: number, width: number) => String(n).padStart(width, '0')
/** Times near the accepted shape: every field in and just out of range, fractions of 0–10 digits. */
const nearTime = fc
  .record({
    year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 4, 99, 100, 1900, 2000, 2024, 2025)),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.integer({ min: 0, max: 61 }),
    fraction: fc.string({ unit: fc.constantFrom('0', '1', '5', '9'), maxLength: 10 }),
    dot: fc.boolean(),
    zone: fc.constantFrom('Z', 'z', '+07:00', '-05:30', '+23:59', '+24:00', '-00:60', '+0700', '', '+07:00 '),
    sep: fc.constantFrom('T', 'T', 'T', ' ', 't'),
  })
  .map(
    (t) =>
      `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}${t.sep}${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}${t.dot ? `.${t.fraction}` : ''}${t.zone}`,
  )

describe('fast field checks', () => {
  it('timeMs accepts exactly the times fast-validate accepts, at the instant Date.parse gives', () => {
    fc.assert(
      fc.property(nearTime, (s) => {
        expect(timeMs(s)).toBe(reference(s))
      }),
      { numRuns: 20_000 },
    )
  })

  it('timeMs handles leap days and the years fast-validate reads through Date.UTC', () => {
    for (const s of [
      '2024-02-29T00:00:00Z',
      '2025-02-29T00:00:00Z',
      '2000-02-29T23:59:59.999+07:00',
      '1900-02-29T00:00:00Z',
      '0000-02-29T00:00:00Z',
      '0004-02-29T00:00:00Z',
      '0099-12-31T23:59:59.123456789-00:30',
      '9999-12-31T23:59:59Z',
      '2025-10-01T08:00:00.1+07:00',
    ]) {
      expect(timeMs(s)).toBe(reference(s))
    }
  })

  it('isUuidV4 agrees with the UUID v4 pattern', () => {
    const hex = fc.constantFrom(...'0123456789abcdefABCDEF-4gG'.split(''))
    const nearUuid = fc.oneof(
      fc.uuid().map((u) => u),
      fc.uuid({ version: 4 }),
      fc.uuid({ version: 4 }).map((u) => u.toUpperCase()),
      fc
        .tuple(fc.uuid({ version: 4 }), fc.integer({ min: 0, max: 35 }), hex)
        .map(([u, i, c]) => u.slice(0, i) + c + u.slice(i + 1)),
      fc.string({ unit: hex, minLength: 35, maxLength: 37 }),
    )
    fc.assert(
      fc.property(nearUuid, (id) => {
        expect(isUuidV4(id)).toBe(UUID_V4.test(id))
      }),
      { numRuns: 20_000 },
    )
  })
})
