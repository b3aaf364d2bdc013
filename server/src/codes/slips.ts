import { formatDateTime, formatMessage, type BatchWithCodes, type Survey } from '@parsurvey/shared'
import QRCode from 'qrcode'
import { codeLink, placeNames } from './place.ts'

/** Slips per A4 sheet: 2 columns × 4 rows, each about 97 × 70 mm. */
export const SLIPS_PER_PAGE = 8

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

/** Vietnamese line, then the English one in a smaller, lighter style. */
const bilingual = (code: string, params: Record<string, string> = {}): string =>
  `<p class="vi">${escapeHtml(formatMessage(code, params, 'vi'))}</p><p class="en">${escapeHtml(formatMessage(code, params, 'en'))}</p>`

// Inline <style> only: the CSP allows inline styles but no inline scripts, and the sheet needs none.
const STYLE = `
@page { size: A4; margin: 8mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Noto Sans", Arial, sans-serif; font-size: 7.5pt; line-height: 1.25; color: #000; }
.sheet { display: grid; grid-template-columns: 1fr 1fr; grid-auto-rows: 70mm; width: 194mm; margin: 0 auto; }
.sheet + .sheet { break-before: page; page-break-before: always; }
.slip { border: 1px dashed #888; padding: 3mm; display: flex; flex-direction: column; overflow: hidden; }
.slip .top { display: flex; gap: 3mm; }
.slip .qr svg { width: 28mm; height: 28mm; display: block; }
.slip .text { min-width: 0; flex: 1; }
.slip h2 { font-size: 8.5pt; margin: 0 0 1mm; }
.slip p { margin: 0 0 0.6mm; }
.slip .en { color: #444; font-style: italic; }
.slip .place { font-weight: bold; }
.slip .label { margin-top: 1.5mm; }
.slip .code { font: bold 12pt/1.2 "DejaVu Sans Mono", Consolas, monospace; white-space: nowrap; }
.slip .link { font-family: monospace; word-break: break-all; }
@media screen { body { background: #eee; } .sheet { background: #fff; margin: 8mm auto; box-shadow: 0 0 4mm #999; } }
@media print { .sheet { box-shadow: none; } }
`

/**
 * A printable A4 HTML sheet with one slip per code of the batch: survey title, unit, group,
 * the code, its link and a QR code of the link, and short instructions in Vietnamese and English.
 * Dashed borders are the cut lines. No scripts.
 */
export async function batchSlipsHtml(survey: Survey, batch: BatchWithCodes, origin: string): Promise<string> {
  const vi = placeNames(survey, batch, 'vi')
  const en = placeNames(survey, batch, 'en')
  const place = (names: typeof vi) => [names.unit, names.location].filter(Boolean).join(' – ')
  const expiresAt = batch.expiresAt === null ? '' : formatDateTime(batch.expiresAt)
  const expires =
    expiresAt === ''
      ? ''
      : `<p>${escapeHtml(formatMessage('code-slip-expires', { expiresAt }, 'vi'))} / <span class="en">${escapeHtml(formatMessage('code-slip-expires', { expiresAt }, 'en'))}</span></p>`
  const slips: string[] = []
  for (const [index, { code }] of batch.codes.entries()) {
    // A QR code costs ~2 ms of CPU; 2,000 of them would hold the one server process for seconds,
    // so let waiting requests (syncs, respondents) run between chunks.
    if (index > 0 && index % 50 === 0) await new Promise((resolve) => setImmediate(resolve))
    const link = codeLink(origin, code)
    const qr = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 })
    slips.push(`<article class="slip">
<div class="top">
<div class="qr">${qr}</div>
<div class="text">
<h2>${escapeHtml(formatMessage('code-slip-heading', {}, 'vi'))}: ${escapeHtml(survey.title.vi)}</h2>
<p class="place">${escapeHtml(place(vi))} · ${escapeHtml(vi.group)}</p>
<p class="en">${escapeHtml(place(en))} · ${escapeHtml(en.group)}</p>
${bilingual('code-slip-instructions')}
</div>
</div>
<p class="label">${escapeHtml(formatMessage('code-slip-code', {}, 'vi'))} / ${escapeHtml(formatMessage('code-slip-code', {}, 'en'))}:</p>
<p class="code">${escapeHtml(code)}</p>
<p class="link">${escapeHtml(link)}</p>
${expires}
</article>`)
  }
  const sheets: string[] = []
  for (let i = 0; i < slips.length; i += SLIPS_PER_PAGE)
    sheets.push(`<section class="sheet">\n${slips.slice(i, i + SLIPS_PER_PAGE).join('\n')}\n</section>`)
  const title = `${formatMessage('code-slip-code', {}, 'vi')} · ${survey.title.vi} · ${vi.unit} · ${vi.group}`
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${sheets.join('\n')}
</body>
</html>
`
}
