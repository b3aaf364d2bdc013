import type { Locale } from '@parsurvey/shared'
import { featureOf, mergeFeatures, type Messages } from './catalogue-merge.ts'
import en from './catalogue-en.ts'
import vi from './catalogue-vi.ts'

/**
 * Every catalogue at once, for the checks of catalogue.test.ts. The app itself loads one
 * language at a time (i18n/index.ts), so nothing in the app imports this module.
 */
const files = import.meta.glob<Messages>('./messages/*.json', { eager: true, import: 'default' })

/** Per feature file name (without language), the messages of each language. */
export const catalogueFiles: Record<string, Partial<Record<Locale, Messages>>> = {}
for (const [path, messages] of Object.entries(files)) {
  const { feature, locale } = featureOf(path)
  ;(catalogueFiles[feature] ??= {})[locale] = messages
}

export const catalogues = { vi: mergeFeatures(vi), en: mergeFeatures(en) }
