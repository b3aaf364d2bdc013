import { createRequire } from 'node:module'
import { readFile } from 'node:fs/promises'
import PDFDocument from 'pdfkit'
import { formatMessage, type PaperCopy, type PaperForm, type PaperOption, type PaperQuestion } from '@parsurvey/shared'

const require = createRequire(import.meta.url)

/** A4 in points, margins about 15 mm; boxes 14 pt (5 mm) square, large enough to tick with a pen. */
const PAGE = { width: 595.28, height: 841.89, margin: 42 }
const BOX = 14
const SIZE = { title: 14, text: 11, small: 9 }
const INK = '#000000'
const GREY = '#444444'

type Doc = PDFKit.PDFDocument

/**
 * The print job as one PDF, made with pdfkit and DejaVu Sans (embedded, subset; it has every
 * Vietnamese letter) so it needs no browser and no system font. Each copy starts on a new page
 * with its serial in a box at the top right; every page's footer repeats the serial and the page
 * of that copy, so loose sheets find their form again. The words come from the shared form.
 */
export async function paperPdf(copies: readonly PaperCopy[]): Promise<Buffer> {
  const [regular, bold, italic] = await Promise.all(
    ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf'].map((f) =>
      readFile(require.resolve(`dejavu-fonts-ttf/ttf/${f}`)),
    ),
  )
  const first = copies[0]?.form
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    autoFirstPage: false,
    info: { Title: first ? first.title : 'parsurvey', Creator: 'parsurvey' },
    lang: first?.locale ?? 'vi',
  })
  doc.registerFont('regular', regular!)
  doc.registerFont('bold', bold!)
  doc.registerFont('italic', italic!)
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  const footers: { serial: string | null; page: number; copyStart: number; form: PaperForm }[] = []
  for (const copy of copies) {
    const copyStart = footers.length
    const addPage = () => {
      doc.addPage()
      footers.push({ serial: copy.serial, page: footers.length - copyStart + 1, copyStart, form: copy.form })
    }
    addPage()
    layoutCopy(doc, copy, addPage)
  }
  const pages = doc.bufferedPageRange()
  for (let i = 0; i < pages.count; i++) {
    const footer = footers[i]!
    const ofCopy = footers.filter((f) => f.copyStart === footer.copyStart).length
    doc.switchToPage(pages.start + i)
    // The footer sits in the bottom margin: without this pdfkit would break to a new page.
    doc.page.margins.bottom = 0
    const say = (code: string) => formatMessage(code, {}, footer.form.locale)
    const text = `${footer.serial === null ? '' : `${say('paper-serial')}: ${footer.serial} · `}${footer.page}/${ofCopy}`
    doc
      .font('regular')
      .fontSize(SIZE.small)
      .fillColor(GREY)
      .text(text, PAGE.margin, PAGE.height - PAGE.margin + 12, {
        width: PAGE.width - 2 * PAGE.margin,
        align: 'right',
        lineBreak: false,
      })
  }
  doc.end()
  return done
}

function layoutCopy(doc: Doc, copy: PaperCopy, addPage: () => void): void {
  const { form } = copy
  const say = (code: string, params: Record<string, string | number> = {}) => formatMessage(code, params, form.locale)
  const left = PAGE.margin
  const width = PAGE.width - 2 * PAGE.margin
  const bottom = PAGE.height - PAGE.margin
  /** Starts a new page when `height` does not fit below the current line. */
  const ensure = (height: number) => {
    if (doc.y + height > bottom) addPage()
  }

  // Serial box, top right: the printed number, or empty for a number written by hand.
  const boxWidth = 120
  const boxX = left + width - boxWidth
  doc.font('regular').fontSize(SIZE.small).fillColor(GREY).text(say('paper-serial'), boxX, PAGE.margin)
  doc
    .rect(boxX, doc.y + 2, boxWidth, 26)
    .lineWidth(1.2)
    .strokeColor(INK)
    .stroke()
  if (copy.serial !== null)
    doc
      .font('bold')
      .fontSize(SIZE.title)
      .fillColor(INK)
      .text(copy.serial, boxX, doc.y + 8, { width: boxWidth, align: 'center' })
  doc.y = PAGE.margin
  doc
    .font('bold')
    .fontSize(SIZE.title)
    .fillColor(INK)
    .text(form.title, left, PAGE.margin, { width: width - boxWidth - 12 })
  doc.moveDown(0.5)
  doc.y = Math.max(doc.y, PAGE.margin + 48)
  const field = (label: string, value: string | null) => {
    doc.font('regular').fontSize(SIZE.text).fillColor(INK)
    const prefix = `${label}: `
    if (value !== null) doc.text(prefix, left, doc.y, { continued: true }).font('bold').text(value)
    else {
      doc.text(prefix, left, doc.y)
      const x = left + doc.widthOfString(prefix)
      doc
        .moveTo(x, doc.y - 3)
        .lineTo(left + width, doc.y - 3)
        .lineWidth(0.6)
        .dash(2, { space: 2 })
        .stroke()
        .undash()
    }
    doc.moveDown(0.3)
  }
  field(say('paper-unit'), form.unitName)
  field(say('paper-group'), form.groupLabel)
  doc.moveDown(0.3)
  if (form.description)
    doc.font('regular').fontSize(SIZE.small).fillColor(GREY).text(form.description, left, doc.y, { width })
  doc.font('italic').fontSize(SIZE.small).fillColor(GREY).text(say('paper-instructions'), left, doc.y, { width })
  doc.moveDown(0.8)

  for (const section of form.sections) {
    ensure(60)
    doc
      .font('bold')
      .fontSize(SIZE.text + 1)
      .fillColor(INK)
      .text(section.heading.toUpperCase(), left, doc.y, { width })
    doc.moveDown(0.4)
    for (const item of section.items) {
      if (item.kind === 'note') {
        ensure(30)
        if (item.onlyIf) small(doc, item.onlyIf, left, width)
        doc.font('italic').fontSize(SIZE.text).fillColor(INK).text(item.text, left, doc.y, { width })
        doc.moveDown(0.6)
        continue
      }
      layoutQuestion(doc, item, form, { left, width, ensure })
    }
  }
  ensure(30)
  doc.moveDown(0.5)
  doc
    .font('italic')
    .fontSize(SIZE.text)
    .fillColor(INK)
    .text(say('paper-thanks'), left, doc.y, { width, align: 'center' })
}

function small(doc: Doc, text: string, left: number, width: number, font = 'italic') {
  doc.font(font).fontSize(SIZE.small).fillColor(GREY).text(text, left, doc.y, { width })
}

type Frame = { left: number; width: number; ensure: (height: number) => void }

function layoutQuestion(doc: Doc, q: PaperQuestion, form: PaperForm, { left, width, ensure }: Frame) {
  const say = (code: string, params: Record<string, string | number> = {}) => formatMessage(code, params, form.locale)
  const label = `${say('paper-question', { number: q.number })}. `
  doc.font('bold').fontSize(SIZE.text)
  const textHeight = doc.heightOfString(`${label}${q.text}`, { width })
  // Keep a question on one page when it is not long (its text, rules and answer rows), else
  // at least its text with its first answer line.
  const rows = q.options.length > 0 ? q.options.length : 3
  const whole = textHeight + 40 + rows * (BOX + 6)
  ensure(whole <= 320 ? whole : textHeight + 3 * BOX + 10)
  if (q.onlyIf) small(doc, q.onlyIf, left, width)
  doc
    .font('bold')
    .fontSize(SIZE.text)
    .fillColor(INK)
    .text(label, left, doc.y, { width, continued: true })
    .font('regular')
    .text(q.text)
  if (q.hint) small(doc, q.hint, left, width)
  small(doc, [q.howTo, q.rule].filter(Boolean).join(' '), left, width, 'regular')
  doc.moveDown(0.3)
  const indent = left + 14
  const inner = width - 14
  if (q.options.length > 0) layoutOptions(doc, q.options, { left: indent, width: inner, ensure })
  else if (q.type === 'text') {
    for (let i = 0; i < 3; i++) answerLine(doc, indent, inner, ensure)
  } else if (q.type === 'date') {
    ensure(BOX + 8)
    doc
      .font('regular')
      .fontSize(SIZE.text)
      .fillColor(INK)
      .text(say('paper-date-pattern'), indent, doc.y + 4)
  } else answerLine(doc, indent, Math.min(inner, 200), ensure)
  for (const skip of q.skips) small(doc, skip, indent, inner, 'bold')
  doc.moveDown(0.8)
}

function answerLine(doc: Doc, left: number, width: number, ensure: (height: number) => void) {
  ensure(22)
  const y = doc.y + 18
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .lineWidth(0.6)
    .strokeColor(INK)
    .dash(2, { space: 2 })
    .stroke()
    .undash()
  doc.y = y + 4
}

/** Options in as many columns as their longest label allows, each a box, its key and its label. */
function layoutOptions(doc: Doc, options: readonly PaperOption[], { left, width, ensure }: Frame) {
  const text = (o: PaperOption) => `${o.key}. ${o.label}${o.other ? ':' : ''}`
  doc.font('regular').fontSize(SIZE.text)
  const widest = Math.max(
    ...options.map((o) => doc.widthOfString(text(o)) + (o.skipTo ? doc.widthOfString(`  ${o.skipTo}`) : 0)),
  )
  const cell = BOX + 8 + widest + 16
  const columns = options.some((o) => o.other) ? 1 : Math.max(1, Math.min(options.length, Math.floor(width / cell)))
  const columnWidth = width / columns
  for (let row = 0; row * columns < options.length; row++) {
    const line = options.slice(row * columns, row * columns + columns)
    doc.font('regular').fontSize(SIZE.text)
    const height = Math.max(BOX, ...line.map((o) => doc.heightOfString(text(o), { width: columnWidth - BOX - 12 }))) + 6
    ensure(height)
    const y = doc.y
    line.forEach((o, i) => {
      const x = left + i * columnWidth
      doc.rect(x, y, BOX, BOX).lineWidth(1).strokeColor(INK).stroke()
      doc
        .font('regular')
        .fontSize(SIZE.text)
        .fillColor(INK)
        .text(text(o), x + BOX + 6, y + 1, { width: columnWidth - BOX - 12, continued: o.skipTo !== null })
      if (o.skipTo) doc.font('bold').text(`  ${o.skipTo}`)
      if (o.other) {
        doc.font('regular').fontSize(SIZE.text)
        const endX = x + BOX + 6 + doc.widthOfString(text(o))
        doc
          .moveTo(Math.min(endX, left + width - 80), y + BOX)
          .lineTo(left + width, y + BOX)
          .lineWidth(0.6)
          .dash(2, { space: 2 })
          .stroke()
          .undash()
      }
    })
    doc.x = left
    doc.y = y + height
  }
}
