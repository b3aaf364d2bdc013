import type { Locale } from '../errors/messages/index.ts'
import type { Label } from '../survey/schema.ts'

/** A survey label in the pack's language (English falls back to Vietnamese). */
export const labelIn = (label: Label, locale: Locale): string => (locale === 'en' ? (label.en ?? label.vi) : label.vi)
