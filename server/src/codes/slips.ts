import { formatMessage, type Survey } from '@parsurvey/shared'
import QRCode from 'qrcode'
import type { BatchWithCodes } from './batches.ts'
import { vietnamDateTime } from './expiry.ts'
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
body { margin: 0; font-family: "Noto Sans", Arial, sans-serif; font-size: 8pt; color: #000; }
.sheet { display: grid; grid-template-columns: 1fr 1fr; grid-auto-rows: 70mm; width: 194mm; margin: 0 auto; }
.sheet + .sheet { break-before: page; page-break-before: always; }
.slip { border: 1px dashed #888; padding: 3mm; display: grid; grid-template-columns: 30mm 1fr; gap: 0 3mm; overflow: hidden; }
.slip .qr svg { width: 30mm; height: 30mm; display: block; }
.slip .text { min-width: 0; }
.slip h2 { font-size: 9pt; margin: 0 0 1mm; }
.slip p { margin: 0 0 0.8mm; }
.slip .en { color: #444; font-style: italic; }
.slip .place { font-weight: bold; }
.slip .code { grid-column: 1 / -1; font: bold 13pt/1.2 "DejaVu Sans Mono", Consolas, monospace; letter-spacing: 0.5mm; margin-top: 1.5mm; }
.slip .link { grid-column: 1 / -1; font-family: monospace; word-break: break-all; }
.slip .foot { grid-column: 1 / -1; }
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
  const expires = batch.expiresAt === null ? '' : bilingual('code-slip-expires', { expiresAt: `${vietnamDateTime(batch.expiresAt)} (GMT+7)` })
  const slips: string[] = []
  for (const { code } of batch.codes) {
    const link = codeLink(origin, code)
    const qr = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 })
    slips.push(`<article class="slip">
<div class="qr">${qr}</div>
<div class="text">
<h2>${escapeHtml(formatMessage('code-slip-heading', {}, 'vi'))} · ${escapeHtml(survey.title.vi)}</h2>
<p class="place">${escapeHtml(place(vi))}</p><p class="en">${escapeHtml(place(en))}</p>
<p class="place">${escapeHtml(vi.group)}</p><p class="en">${escapeHtml(en.group)}</p>
${bilingual('code-slip-instructions')}
</div>
<div class="code">${escapeHtml(formatMessage('code-slip-code', {}, 'vi'))}: ${escapeHtml(code)}</div>
<div class="link">${escapeHtml(link)}</div>
<div class="foot">${expires}</div>
</article>`)
  }
  const sheets: string[] = []
  for (let i = 0; i < slips.length; i += SLIPS_PER_PAGE) sheets.push(`<section class="sheet">\n${slips.slice(i, i + SLIPS_PER_PAGE).join('\n')}\n</section>`)
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
