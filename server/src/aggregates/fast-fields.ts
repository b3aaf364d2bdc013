/**
 * Hand-written forms of the field checks of shared's fast-validate.ts, for the counting fast path
 * (fast-response.ts): the same accept/reject decisions as its regular expressions and `Date.parse`
 * (fast-fields.test.ts compares them), without a regular expression or a date parse per field.
 */

const ZERO = 48
const isDigit = (c: number): boolean => c >= ZERO && c <= ZERO + 9
const isHex = (c: number): boolean => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)

/** `/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(id)` */
export function isUuidV4(id: string): boolean {
  if (id.length !== 36) return false
  for (let i = 0; i < 36; i++) {
    const c = id.charCodeAt(i)
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false
    } else if (i === 14) {
      if (c !== 52) return false
    } else if (i === 19) {
      // 8, 9, a, b in either case
      if (c !== 56 && c !== 57 && c !== 97 && c !== 98 && c !== 65 && c !== 66) return false
    } else if (!isHex(c)) return false
  }
  return true
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function digits(s: string, at: number, n: number): number {
  let value = 0
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i)
    if (!isDigit(c)) return -1
    value = value * 10 + c - ZERO
  }
  return value
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/**
 * The instant of a time fast-validate.ts's `isTime` accepts (RFC 3339 with seconds and an offset,
 * an existing day), in ms since the epoch exactly as `Date.parse` gives it (fraction truncated to
 * the millisecond); NaN for anything `isTime` refuses.
 */
export function timeMs(s: string): number {
  const n = s.length
  if (n < 20) return NaN
  const year = digits(s, 0, 4)
  const month = digits(s, 5, 2)
  const day = digits(s, 8, 2)
  const hour = digits(s, 11, 2)
  const minute = digits(s, 14, 2)
  const second = digits(s, 17, 2)
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return NaN
  if (
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58
  )
    return NaN
  if (hour > 23 || minute > 59 || second > 59) return NaN
  let at = 19
  let ms = 0
  if (s.charCodeAt(at) === 46) {
    const start = ++at
    while (at < n && isDigit(s.charCodeAt(at))) {
      if (at - start < 3) ms = ms * 10 + s.charCodeAt(at) - ZERO
      at++
    }
    const count = at - start
    if (count < 1 || count > 9) return NaN
    for (let k = count; k < 3; k++) ms *= 10
  }
  let offset = 0
  const sign = s.charCodeAt(at)
  if (sign === 90) {
    if (at + 1 !== n) return NaN
  } else if (sign === 43 || sign === 45) {
    if (at + 6 !== n || s.charCodeAt(at + 3) !== 58) return NaN
    const oh = digits(s, at + 1, 2)
    const om = digits(s, at + 4, 2)
    if (oh < 0 || om < 0 || oh > 23 || om > 59) return NaN
    offset = (sign === 43 ? 1 : -1) * (oh * 60 + om)
  } else {
    return NaN
  }
  if (month < 1 || month > 12 || day < 1) return NaN
  // As fast-validate.ts's `Date.UTC(year, month, 0)`, which reads years 0–99 as 1900–1999.
  const y = year < 100 ? year + 1900 : year
  const leap = month === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
  if (day > DAYS[month - 1]! + (leap ? 1 : 0)) return NaN
  return daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute - offset) * 60 + second) * 1000 + ms
}
