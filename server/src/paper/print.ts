import {
  DomainError,
  PAPER_PRINT_LIMIT,
  paperCopies,
  type Locale,
  type PaperRequest,
  type Survey,
} from '@parsurvey/shared'

export type PaperFormat = 'html' | 'pdf'

/**
 * The print request of `GET /api/surveys/:id/versions/:version/paper?group=&unit=&from=&count=&format=&lang=`:
 * blanks are left out; `from`/`count` must be whole numbers (the range is checked by the shared
 * print job); `format` html (default: the print page, opened in a tab) or pdf; `lang` vi or en,
 * else the reader's language.
 */
export function readPaperQuery(
  query: (name: string) => string | undefined,
  locale: Locale,
): PaperRequest & { format: PaperFormat } {
  const text = (name: string) => {
    const value = query(name)?.trim()
    return value ? value : null
  }
  const number = (name: 'from' | 'count') => {
    const value = text(name)
    if (value === null) return null
    if (!/^\d{1,9}$/.test(value))
      throw new DomainError('paper-serials-invalid', { field: name, params: { max: PAPER_PRINT_LIMIT } })
    return Number(value)
  }
  const format = text('format') ?? 'html'
  if (format !== 'html' && format !== 'pdf')
    throw new DomainError('export-bad-option', { field: 'format', params: { value: format, allowed: 'html, pdf' } })
  const lang = text('lang') ?? locale
  if (lang !== 'vi' && lang !== 'en')
    throw new DomainError('export-bad-option', { field: 'lang', params: { value: lang, allowed: 'vi, en' } })
  return {
    groupId: text('group'),
    unitId: text('unit'),
    from: number('from'),
    count: number('count'),
    locale: lang,
    format,
  }
}

/**
 * The printed forms of a request as a file: the HTML page shown in the tab, or a PDF to download
 * (the same for `survey print` on the command line). pdfkit is loaded only for a PDF.
 */
export async function paperPrint(
  survey: Survey,
  request: PaperRequest & { format: PaperFormat },
): Promise<{ type: string; disposition: string; bytes: Buffer; copies: number }> {
  const copies = paperCopies(survey, request)
  // Ids may hold Vietnamese letters; a header carries Latin-1 only, so the file name is plain.
  const name = `${survey.id}-v${survey.version}${request.groupId ? `-${request.groupId}` : ''}`.replace(
    /[^A-Za-z0-9._-]/g,
    '_',
  )
  if (request.format === 'pdf') {
    const { paperPdf } = await import('./pdf.ts')
    return {
      type: 'application/pdf',
      disposition: `attachment; filename="${name}.pdf"`,
      bytes: await paperPdf(copies),
      copies: copies.length,
    }
  }
  const { paperHtml } = await import('./html.ts')
  return {
    type: 'text/html; charset=utf-8',
    disposition: `inline; filename="${name}.html"`,
    bytes: Buffer.from(paperHtml(copies), 'utf8'),
    copies: copies.length,
  }
}
