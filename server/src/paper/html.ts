import { formatMessage, type PaperCopy, type PaperForm, type PaperItem, type PaperQuestion } from '@parsurvey/shared'

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** A4, 15 mm margins; boxes 5 mm square; a question never split across pages; each copy on its own pages. */
const STYLE = `
@page { size: A4; margin: 15mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; font-size: 11pt; color: #000; margin: 0; line-height: 1.35; }
.screen-only { background: #fff3c4; padding: 8px 12px; margin: 0 0 12px; font-size: 10pt; }
@media print { .screen-only { display: none; } }
@media screen { body { max-width: 210mm; margin: 0 auto; padding: 12px; } .copy { border-bottom: 2px dashed #999; padding-bottom: 16px; margin-bottom: 24px; } }
.copy { break-after: page; }
.copy:last-of-type { break-after: auto; }
header { display: flex; justify-content: space-between; gap: 12mm; align-items: flex-start; }
h1 { font-size: 14pt; margin: 0 0 4mm; }
.serial { flex: none; width: 42mm; font-size: 9pt; color: #444; }
.serial-box { border: 1.5px solid #000; height: 10mm; font-size: 14pt; font-weight: bold; color: #000; display: flex; align-items: center; justify-content: center; letter-spacing: 1px; }
.field { margin: 1mm 0; }
.blank { display: inline-block; min-width: 90mm; border-bottom: 1px dotted #000; }
.small, .how, .only-if, .skip, .instructions, .description { font-size: 9pt; color: #333; margin: 1mm 0; }
.only-if, .instructions { font-style: italic; }
.skip { font-weight: bold; color: #000; }
h2 { font-size: 12pt; text-transform: uppercase; margin: 6mm 0 2mm; break-after: avoid; }
.question, .note { break-inside: avoid; margin: 0 0 4mm; }
.text { margin: 0; }
.note .text { font-style: italic; }
.options { list-style: none; padding: 0 0 0 5mm; margin: 1.5mm 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(42mm, 1fr)); gap: 1.5mm 4mm; }
.options.wide { grid-template-columns: 1fr; }
.options li { display: flex; align-items: flex-start; gap: 2mm; }
.box { flex: none; display: inline-block; width: 5mm; height: 5mm; border: 1.2px solid #000; }
.arrow { font-weight: bold; white-space: nowrap; }
.other-line { flex: 1; border-bottom: 1px dotted #000; min-width: 40mm; height: 5mm; }
.line { border-bottom: 1px dotted #000; height: 8mm; margin-left: 5mm; }
.line.short { width: 60mm; }
.date { margin: 2mm 0 0 5mm; }
.thanks { text-align: center; font-style: italic; margin-top: 6mm; }
`

/**
 * The print job as one HTML page with print CSS (A4), for the admin's print tab and
 * `survey print --out x.html`: the same words and layout rules as the PDF, from the shared form.
 * Every text is escaped; the page has no script.
 */
export function paperHtml(copies: readonly PaperCopy[]): string {
  const first = copies[0]?.form
  const locale = first?.locale ?? 'vi'
  const say = (code: string) => formatMessage(code, {}, locale)
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(first ? `${first.title} (${first.groupLabel})` : 'parsurvey')}</title>
<style>${STYLE}</style>
</head>
<body>
<p class="screen-only">${escape(say('paper-print-hint'))}</p>
${copies.map(copyHtml).join('\n')}
</body>
</html>
`
}

function copyHtml({ form, serial }: PaperCopy): string {
  const say = (code: string, params: Record<string, string | number> = {}) => formatMessage(code, params, form.locale)
  const field = (label: string, value: string | null) =>
    `<p class="field">${escape(label)}: ${value === null ? '<span class="blank"></span>' : `<b>${escape(value)}</b>`}</p>`
  return `<article class="copy" data-serial="${escape(serial ?? '')}" data-group="${escape(form.groupId)}">
<header>
<div>
<h1>${escape(form.title)}</h1>
${field(say('paper-unit'), form.unitName)}
${field(say('paper-group'), form.groupLabel)}
</div>
<div class="serial">${escape(say('paper-serial'))}<div class="serial-box" data-testid="paper-serial">${escape(serial ?? '')}</div></div>
</header>
${form.description ? `<p class="description">${escape(form.description)}</p>` : ''}
<p class="instructions">${escape(say('paper-instructions'))}</p>
${form.sections
  .map(
    (s) => `<section>\n<h2>${escape(s.heading)}</h2>\n${s.items.map((i) => itemHtml(i, form)).join('\n')}\n</section>`,
  )
  .join('\n')}
<p class="thanks">${escape(say('paper-thanks'))}</p>
</article>`
}

function itemHtml(item: PaperItem, form: PaperForm): string {
  const onlyIf = item.onlyIf ? `<p class="only-if">${escape(item.onlyIf)}</p>` : ''
  if (item.kind === 'note') return `<div class="note">${onlyIf}<p class="text">${escape(item.text)}</p></div>`
  return `<div class="question" data-question="${escape(item.id)}">
${onlyIf}<p class="text"><b>${escape(formatMessage('paper-question', { number: item.number }, form.locale))}.</b> ${escape(item.text)}</p>
${item.hint ? `<p class="small">${escape(item.hint)}</p>` : ''}
<p class="how">${escape([item.howTo, item.rule].filter(Boolean).join(' '))}</p>
${answerHtml(item, form)}
${item.skips.map((s) => `<p class="skip">${escape(s)}</p>`).join('')}
</div>`
}

function answerHtml(q: PaperQuestion, form: PaperForm): string {
  if (q.options.length > 0) {
    const wide = q.options.some((o) => o.other || o.label.length > 28)
    return `<ul class="options${wide ? ' wide' : ''}">${q.options
      .map(
        (o) =>
          `<li><span class="box"></span><span>${o.key}. ${escape(o.label)}${o.skipTo ? ` <span class="arrow">${escape(o.skipTo)}</span>` : ''}</span>${o.other ? '<span class="other-line"></span>' : ''}</li>`,
      )
      .join('')}</ul>`
  }
  if (q.type === 'text') return '<div class="line"></div><div class="line"></div><div class="line"></div>'
  if (q.type === 'date') return `<p class="date">${escape(formatMessage('paper-date-pattern', {}, form.locale))}</p>`
  return '<div class="line short"></div>'
}
