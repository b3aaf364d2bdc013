import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

/** Debian's LibreOffice and poppler (libreoffice-writer-nogui, libreoffice-calc-nogui, poppler-utils), installed by `.ci/prepare.sh --browser`. */
const SOFFICE = '/usr/bin/soffice'
const PDFTOPPM = '/usr/bin/pdftoppm'

/**
 * Converts `file` with LibreOffice headless, as an office would open it: `format` is `pdf`,
 * `txt:Text` (a document's text) or `csv`. Each call uses its own
 * profile folder so that parallel test files never share LibreOffice's lock. Returns the output.
 */
export function convertWithLibreOffice(file: string, format: string, outDir: string): string {
  if (!fs.existsSync(SOFFICE))
    throw new Error(`${SOFFICE} is missing: run \`sh .ci/prepare.sh --browser\`, which installs LibreOffice`)
  const profile = fs.mkdtempSync(path.join(outDir, 'lo-profile-'))
  const run = spawnSync(
    SOFFICE,
    [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', format, '--outdir', outDir, file],
    { encoding: 'utf8', timeout: 180_000 },
  )
  fs.rmSync(profile, { recursive: true, force: true })
  const extension = format.split(':')[0]!
  const out = path.join(outDir, `${path.basename(file).replace(/\.[^.]+$/, '')}.${extension}`)
  if (run.status !== 0 || !fs.existsSync(out))
    throw new Error(`LibreOffice could not convert ${file} to ${format}: ${run.stderr || run.error?.message}`)
  return out
}

/** One page of a PDF as a PNG at `dpi` (poppler's pdftoppm), to look at. */
export function pdfPageToPng(pdf: string, page: number, out: string, dpi = 60): string {
  if (!fs.existsSync(PDFTOPPM)) throw new Error(`${PDFTOPPM} is missing: run \`sh .ci/prepare.sh --browser\``)
  const prefix = out.replace(/\.png$/, '')
  const run = spawnSync(PDFTOPPM, [
    '-f',
    String(page),
    '-l',
    String(page),
    '-r',
    String(dpi),
    '-png',
    '-singlefile',
    pdf,
    prefix,
  ])
  if (run.status !== 0) throw new Error(`pdftoppm failed: ${String(run.stderr)}`)
  return `${prefix}.png`
}
