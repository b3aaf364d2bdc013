import { currentLocale } from './i18n/index.ts'

const cache = new Map<string, Intl.NumberFormat>()

/**
 * Numbers with `digits` decimals (at least `atLeast`) in the UI language's way: a decimal comma and dot thousands in
 * Vietnamese (82,74; 1.234), the other way round in English (82.74; 1,234). Reading the language
 * here makes a template that shows a number follow a language switch.
 */
export function numberFormat(digits: number, atLeast = digits): Intl.NumberFormat {
  const locale = currentLocale()
  const key = `${locale}:${digits}:${atLeast}`
  let format = cache.get(key)
  if (!format) {
    format = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
      minimumFractionDigits: atLeast,
      maximumFractionDigits: digits,
    })
    cache.set(key, format)
  }
  return format
}
