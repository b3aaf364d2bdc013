/**
 * UI messages, one file per feature and language: `messages/<feature>.<vi|en>.json`. Each feature
 * owns distinct top-level keys, so features can grow their catalogues without touching others'.
 */
export type Messages = { [key: string]: string | Messages }

/**
 * The feature files only the office pages use (analysis, data quality, administration): loaded
 * when such a page opens (i18n/index.ts), never at the field app's start. catalogue-vi/en.ts and
 * catalogue-office-vi/en.ts spell this list in their globs (a glob must be a literal); the
 * catalogue test checks that they agree and that no field-side file uses an office key.
 */
export const OFFICE_FEATURES = [
  'admin',
  'analysis',
  'invitations',
  'paperforms',
  'quality',
  'register',
  'rounds',
] as const

/** The feature name of a catalogue file path, checked against `<feature>.<vi|en>.json`. */
export function featureOf(path: string): { feature: string; locale: 'vi' | 'en' } {
  const [, feature, locale] = /\/([\w-]+)\.(vi|en)\.json$/.exec(path) ?? []
  if (!feature || (locale !== 'vi' && locale !== 'en'))
    throw new Error(`catalogue file name must be <feature>.<vi|en>.json: ${path}`)
  return { feature, locale }
}

/** One language's feature files merged into one catalogue; a key defined by two files throws. */
export function mergeFeatures(files: Record<string, Messages>): Messages {
  const out: Messages = {}
  for (const [path, messages] of Object.entries(files)) {
    const { feature } = featureOf(path)
    for (const [key, value] of Object.entries(messages)) {
      if (key in out) throw new Error(`message key "${key}" is defined by two catalogue files (${feature})`)
      out[key] = value
    }
  }
  return out
}
