import type { Locale } from '@parsurvey/shared'

/**
 * UI messages, one file per feature and language: `messages/<feature>.<vi|en>.json`. Each feature
 * owns distinct top-level keys, so features can grow their catalogues without touching others'.
 */
type Messages = { [key: string]: string | Messages }

const files = import.meta.glob<Messages>('./messages/*.json', { eager: true, import: 'default' })

/** Per feature file name (without language), the messages of each language. */
export const catalogueFiles: Record<string, Partial<Record<Locale, Messages>>> = {}
for (const [path, messages] of Object.entries(files)) {
  const [, feature, locale] = /\/([\w-]+)\.(vi|en)\.json$/.exec(path) ?? []
  if (!feature || !locale) throw new Error(`catalogue file name must be <feature>.<vi|en>.json: ${path}`)
  ;(catalogueFiles[feature] ??= {})[locale as Locale] = messages
}

function merge(locale: Locale): Messages {
  const out: Messages = {}
  for (const [feature, byLocale] of Object.entries(catalogueFiles)) {
    for (const [key, value] of Object.entries(byLocale[locale] ?? {})) {
      if (key in out) throw new Error(`message key "${key}" is defined by two catalogue files (${feature})`)
      out[key] = value
    }
  }
  return out
}

export const catalogues = { vi: merge('vi'), en: merge('en') }
