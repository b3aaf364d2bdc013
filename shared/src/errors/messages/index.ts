import { IntlMessageFormat } from 'intl-messageformat'
import { accountsMessages } from './accounts.ts'
import { analysisMessages } from './analysis.ts'
import { apiMessages } from './api.ts'
import { backupsMessages } from './backups.ts'
import { codesMessages } from './codes.ts'
import { exportColumnsMessages } from './export-columns.ts'
import { exportsMessages } from './exports.ts'
import { qualityMessages } from './quality.ts'
import { responseMessages } from './response.ts'
import { registerMessages } from './register.ts'
import { invitationMessages } from './invitations.ts'
import { roundsMessages } from './rounds.ts'
import { scoreMessages } from './score.ts'
import { scoreInputsMessages } from './score-inputs.ts'
import { resultsMessages } from './results.ts'
import { surveyMessages } from './survey.ts'
import { surveyLogicMessages } from './survey-logic.ts'
import { xlsformMessages } from './xlsform.ts'
import { paperMessages } from './paper.ts'
import { paperEntryMessages } from './paper-entry.ts'
import { migrateMessages } from './migrate.ts'

/** The languages parsurvey speaks: Vietnamese first, English second. */
export const LOCALES = ['vi', 'en'] as const
export type Locale = (typeof LOCALES)[number]

/**
 * A catalogue area: code → template per language. Templates use `{param}` placeholders; a count
 * that changes the English words is written in ICU MessageFormat,
 * `{count, plural, one {{count} error} other {{count} errors}}` (Vietnamese needs none).
 */
export type Catalogue = Record<string, Record<Locale, string>>

const catalogue: Catalogue = {
  ...apiMessages,
  ...surveyMessages,
  ...surveyLogicMessages,
  ...xlsformMessages,
  ...responseMessages,
  ...accountsMessages,
  ...codesMessages,
  ...exportsMessages,
  ...backupsMessages,
  ...exportColumnsMessages,
  ...scoreMessages,
  ...scoreInputsMessages,
  ...resultsMessages,
  ...analysisMessages,
  ...qualityMessages,
  ...roundsMessages,
  ...registerMessages,
  ...invitationMessages,
  ...paperMessages,
  ...paperEntryMessages,
  ...migrateMessages,
}

/** Picks vi or en from an Accept-Language header (or a bare tag); Vietnamese when unsure. */
export function pickLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return 'vi'
  const tags = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().toLowerCase().split(';')
      const q = rest.map((r) => r.trim()).find((r) => r.startsWith('q='))
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1 }
    })
    .sort((a, b) => b.q - a.q)
  for (const { tag } of tags) {
    const base = tag.split('-')[0]
    if (base === 'vi' || base === 'en') return base
  }
  return 'vi'
}

/**
 * The message for `code` in `locale`, with `{param}` placeholders filled in.
 * An unknown code falls back to the code itself so nothing is ever blank.
 */
export function formatMessage(code: string, params: Record<string, string | number>, locale: Locale): string {
  const template = catalogue[code]?.[locale] ?? catalogue[code]?.en ?? code
  const filled = (text: string) =>
    text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match))
  if (!template.includes(', plural,')) return filled(template)
  const plural = plurals.get(template) ?? new IntlMessageFormat(template, locale)
  plurals.set(template, plural)
  try {
    return String(plural.format(params))
  } catch {
    // A parameter missing: shown as its placeholder, as in every other message.
    return filled(template)
  }
}

/** The plural templates, each parsed once. */
const plurals = new Map<string, IntlMessageFormat>()

export function hasMessage(code: string): boolean {
  return code in catalogue
}

/** Every code with its templates (for checks over the whole catalogue). */
export const catalogueEntries = (): [string, Record<Locale, string>][] => Object.entries(catalogue)
