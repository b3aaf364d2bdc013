import { numberFormat } from './number-format.ts'

/** Points with two decimals and counts, in the UI language's way: 1.234,56 in Vietnamese, 1,234.56 in English. */
export const formatPoints = (value: number): string => numberFormat(2).format(value)
export const formatCount = (value: number): string => numberFormat(0).format(value)

/** Moments and days are written one way everywhere (`04/12/2026 20:05`, Vietnam time): shared's formatters. */
export { formatDate, formatDateTime, formatTime } from '@parsurvey/shared'

/** ISO 8601 with the device's own offset (2025-05-01T08:00:00.000+07:00), as responses record time. */
export function isoWithOffset(date: Date): string {
  const offset = -date.getTimezoneOffset()
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, -1)
  const sign = offset >= 0 ? '+' : '-'
  const abs = Math.abs(offset)
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}
