import type { Locale } from '@parsurvey/shared'

/** Published figures are shown the Vietnamese way (1.234,56) whatever the UI language. */
const points = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
const count = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 })

export const formatPoints = (value: number): string => points.format(value)
export const formatCount = (value: number): string => count.format(value)

export function formatDateTime(value: string | number | Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(value))
}

export function formatTime(value: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { timeStyle: 'short' }).format(new Date(value))
}

/** ISO 8601 with the device's own offset (2025-05-01T08:00:00.000+07:00), as responses record time. */
export function isoWithOffset(date: Date): string {
  const offset = -date.getTimezoneOffset()
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, -1)
  const sign = offset >= 0 ? '+' : '-'
  const abs = Math.abs(offset)
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}
