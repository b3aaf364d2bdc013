import type { Label, Locale } from '@parsurvey/shared'
import { createI18n } from 'vue-i18n'
import { catalogues } from './catalogues.ts'

const STORAGE_KEY = 'parsurvey.locale'

/** The UI languages, Vietnamese first (the same list as shared's LOCALES, checked by the type). */
export const UI_LOCALES = ['vi', 'en'] as const satisfies readonly Locale[]

/** The language chosen on this device before, or Vietnamese. */
export function savedLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY)
  return UI_LOCALES.find((l) => l === saved) ?? 'vi'
}

export const i18n = createI18n({
  legacy: false,
  locale: savedLocale(),
  fallbackLocale: 'vi',
  messages: catalogues,
})

export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale
}

/** Switches the UI language and remembers it on this device. */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  globalThis.localStorage?.setItem(STORAGE_KEY, locale)
  if (typeof document !== 'undefined') document.documentElement.lang = locale
}

/** Picks the survey text in the UI language (survey labels carry both). */
export function localized(label: Label): string {
  return label[currentLocale()]
}
