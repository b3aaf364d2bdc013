import type { Label, Locale } from '@parsurvey/shared'
import { createI18n } from 'vue-i18n'
import { mergeFeatures, type Messages } from './catalogue-merge.ts'

const STORAGE_KEY = 'parsurvey.locale'

/** The UI languages, Vietnamese first (the same list as shared's LOCALES, checked by the type). */
export const UI_LOCALES = ['vi', 'en'] as const satisfies readonly Locale[]

/** The language chosen on this device before, or Vietnamese. */
export function savedLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY)
  return UI_LOCALES.find((l) => l === saved) ?? 'vi'
}

/**
 * One chunk per language: the app loads only the language on screen, and the other one when the
 * user switches (the service worker has both, so switching works offline).
 */
const catalogueOf: Record<Locale, () => Promise<{ default: Record<string, Messages> }>> = {
  vi: () => import('./catalogue-vi.ts'),
  en: () => import('./catalogue-en.ts'),
}

export const i18n = createI18n({
  legacy: false,
  locale: savedLocale(),
  fallbackLocale: 'vi',
  messages: {},
})

const loaded = new Map<Locale, Promise<void>>()
let latest: Locale | undefined

/** Makes sure the messages of `locale` are there (fetched once). */
export function loadLocale(locale: Locale): Promise<void> {
  let loading = loaded.get(locale)
  if (!loading) {
    loading = catalogueOf[locale]().then((files) => i18n.global.setLocaleMessage(locale, mergeFeatures(files.default)))
    // A failed load (offline before the worker cached it) may be tried again by the next switch.
    loading.catch(() => loaded.delete(locale))
    loaded.set(locale, loading)
  }
  return loading
}

export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale
}

/**
 * Switches the UI language once its messages are loaded, and remembers it on this device. Two
 * quick switches end on the last one chosen, whichever catalogue arrives first.
 */
export async function setLocale(locale: Locale): Promise<void> {
  latest = locale
  await loadLocale(locale)
  if (latest !== locale) return
  i18n.global.locale.value = locale
  globalThis.localStorage?.setItem(STORAGE_KEY, locale)
  if (typeof document !== 'undefined') document.documentElement.lang = locale
}

/** Picks the survey text in the UI language; English falls back to Vietnamese where a survey has none. */
export function localized(label: Label): string {
  return label[currentLocale()] ?? label.vi
}
