import { labelIn, type Label, type Locale } from '@parsurvey/shared'
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

type Catalogue = () => Promise<{ default: Record<string, Messages> }>

/**
 * Two parts per language, each a chunk: the field app's messages, loaded at start, and the office
 * pages' (catalogue-merge.ts's OFFICE_FEATURES), loaded when an office page first opens. The app
 * loads only the language on screen, and the other one when the user switches (the service worker
 * has both, so switching works offline).
 */
const catalogueOf: Record<CataloguePart, Record<Locale, Catalogue>> = {
  field: { vi: () => import('./catalogue-vi.ts'), en: () => import('./catalogue-en.ts') },
  office: { vi: () => import('./catalogue-office-vi.ts'), en: () => import('./catalogue-office-en.ts') },
}
export type CataloguePart = 'field' | 'office'

export const i18n = createI18n({
  legacy: false,
  locale: savedLocale(),
  fallbackLocale: 'vi',
  messages: {},
})

/** The parts this page needs in whichever language is on screen; only grows. */
const wanted = new Set<CataloguePart>(['field'])
const loaded = new Map<string, Promise<void>>()
let latest: Locale | undefined

function loadPart(locale: Locale, part: CataloguePart): Promise<void> {
  const key = `${part}:${locale}`
  let loading = loaded.get(key)
  if (!loading) {
    loading = catalogueOf[part][locale]().then((files) =>
      i18n.global.mergeLocaleMessage(locale, mergeFeatures(files.default)),
    )
    // A failed load (offline before the worker cached it) may be tried again by the next call.
    loading.catch(() => loaded.delete(key))
    loaded.set(key, loading)
  }
  return loading
}

/** Makes sure the messages of `locale` are there (each part fetched once), including a part wanted meanwhile. */
export async function loadLocale(locale: Locale): Promise<void> {
  for (let parts = 0; parts !== wanted.size;) {
    parts = wanted.size
    await Promise.all([...wanted].map((part) => loadPart(locale, part)))
  }
}

/** The office pages' messages, in the language on screen and in any the user switches to later. */
export async function loadOfficeMessages(): Promise<void> {
  wanted.add('office')
  await loadLocale(currentLocale())
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
  return labelIn(label, currentLocale())
}
