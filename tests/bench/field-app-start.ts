import fs from 'node:fs'
import http from 'node:http'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import { repoRoot } from '../support/server-process.ts'
import { formOf, openFieldApp } from './field-app.ts'
import { check, measure, pairedRatios, type Bench } from './harness.ts'

const pagesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pages')

/** Builds the peer pages (SurveyJS, minimal Vue) with the client's Vite into `outDir/<name>`. */
export async function buildPages(outDir: string, form: unknown): Promise<void> {
  const vitePath = createRequire(path.join(repoRoot, 'client/package.json')).resolve('vite')
  // Vite is installed for the client only; its `build(config)` is all we need.
  const { build } = (await import(pathToFileURL(vitePath).href)) as { build: (config: Record<string, unknown>) => Promise<unknown> }
  for (const name of ['surveyjs', 'minimal']) {
    await build({
      root: path.join(pagesDir, name),
      base: `/${name}/`,
      configFile: false,
      logLevel: 'warn',
      define: { __FORM__: JSON.stringify(form) },
      build: { outDir: path.join(outDir, name), emptyOutDir: true },
    })
  }
}

/** Serves the built pages with the app's cache policy: hashed assets immutable, HTML revalidated. */
export function serveStatic(root: string): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/\/$/, '/index.html'))
    if (!file.startsWith(root) || !fs.existsSync(file)) return void res.writeHead(404).end()
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'text/html; charset=utf-8'
    res.writeHead(200, { 'content-type': type, 'cache-control': file.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache' })
    res.end(fs.readFileSync(file))
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => server.close() })),
  )
}

/**
 * Loads `url` (caches warm) and returns the milliseconds from navigation start until `min`
 * enabled elements match `selector`: the form is on screen and can be answered.
 */
export async function answerableMs(page: Page, url: string, selector: string, min: number): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' })
  const handle = await page.waitForFunction(
    ([sel, n]) => {
      const ready = Array.from(document.querySelectorAll<HTMLInputElement>(sel)).filter((el) => !el.disabled && el.offsetParent !== null)
      return ready.length >= n ? performance.now() : false
    },
    [selector, min] as const,
    { polling: 'raf', timeout: 30_000 },
  )
  return (await handle.jsonValue()) as number
}

/** JS and CSS the page loaded, gzipped (level 9, as a server would send them), in KB. */
async function loadedSize(page: Page): Promise<{ js: number; css: number }> {
  const urls = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))
  let js = 0
  let css = 0
  for (const url of new Set(urls)) {
    if (!/\.(m?js|css)(\?|$)/.test(url)) continue
    const body = Buffer.from(await (await fetch(url)).arrayBuffer())
    const kb = gzipSync(body, { level: 9 }).length / 1024
    if (/\.css(\?|$)/.test(url)) css += kb
    else js += kb
  }
  return { js, css }
}

export const fieldAppStart: Bench = {
  name: 'field-app-start',
  title: 'second load of a 40-question questionnaire until answerable: the app vs SurveyJS vs one Vue component',
  async run({ runs, tmpDir, log }) {
    const app = await openFieldApp(path.join(tmpDir, 'server'))
    const built = path.join(tmpDir, 'pages')
    await buildPages(built, formOf(app.survey))
    const statics = await serveStatic(built)
    try {
      const targets = [
        { name: 'app', url: app.questionnaireUrl, selector: 'input[type=radio][data-testid^="option-"]', min: 5 },
        { name: 'surveyjs', url: `${statics.url}/surveyjs/`, selector: 'input[type=radio]', min: 200 },
        { name: 'minimal', url: `${statics.url}/minimal/`, selector: 'input[type=radio]', min: 200 },
      ]
      const page = app.page
      const sizes: Record<string, { js: number; css: number }> = {}
      for (const t of targets) {
        await answerableMs(page, t.url, t.selector, t.min) // first load fills the caches
        sizes[t.name] = await loadedSize(page)
      }
      const times: Record<string, number[]> = { app: [], surveyjs: [], minimal: [] }
      for (let run = 0; run < Math.max(runs, 5); run++) {
        // Rotate the order so no page always comes first after a pause.
        for (const t of [...targets.slice(run % 3), ...targets.slice(0, run % 3)]) times[t.name]!.push(await answerableMs(page, t.url, t.selector, t.min))
      }
      log(`gzip JS: app ${sizes.app!.js.toFixed(1)} KB, SurveyJS ${sizes.surveyjs!.js.toFixed(1)} KB, minimal ${sizes.minimal!.js.toFixed(1)} KB`)
      const vsLower = measure('app / minimal Vue', '×', pairedRatios(times.app!, times.minimal!))
      const vsPeer = measure('app / SurveyJS', '×', pairedRatios(times.app!, times.surveyjs!))
      return {
        measures: [
          measure('app: answerable after', 'ms', times.app!),
          measure('SurveyJS (peer): answerable after', 'ms', times.surveyjs!),
          measure('minimal Vue (lower bound): answerable after', 'ms', times.minimal!),
          vsLower,
          vsPeer,
          ...Object.entries(sizes).flatMap(([name, s]) => [measure(`${name}: JS gzip`, 'KB', [s.js]), measure(`${name}: CSS gzip`, 'KB', [s.css])]),
        ],
        checks: [
          check('app ≤ 2× the minimal Vue component', vsLower.median, 'lower', 2, '×'),
          check('app faster than SurveyJS', vsPeer.median, 'lower', 1, '×'),
          check('app initial JS ≤ 150 KB gzip', sizes.app!.js, 'lower', 150, ' KB'),
        ],
        notes: [
          'The app shows one question per screen (its design), so "answerable" is the first question\'s 5 options; the peer and the lower bound render all 40 questions (200 radios) on one page.',
          `Peer size: SurveyJS JS ${sizes.surveyjs!.js.toFixed(0)} KB + CSS ${sizes.surveyjs!.css.toFixed(0)} KB gzip; sizes are of the files loaded by the page, gzipped at level 9.`,
        ],
      }
    } finally {
      statics.close()
      await app.close()
    }
  },
}
