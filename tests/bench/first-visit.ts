import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser, CDPSession, Page } from 'playwright-core'
import { launchBrowser } from '../support/browser.ts'
import { repoRoot } from '../support/server-process.ts'
import { benchSurvey } from './data.ts'
import { check, measure, pairedRatios, repeat, type Bench } from './harness.ts'
import { startBenchServer } from './server.ts'

/** A slow mobile link (Lighthouse's "slow 4G" is 1.6 Mbit/s, 150 ms) and a tablet 4× slower than this machine. */
const SLOW = { latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 }
const CPU_SLOWDOWN = 4

/** Files the service worker precaches (from the built sw.js) and their total size, raw and gzipped. */
export function precacheSize(): { entries: number; rawKb: number; gzipKb: number } {
  const dist = path.join(repoRoot, 'client/dist')
  const urls = [...fs.readFileSync(path.join(dist, 'sw.js'), 'utf8').matchAll(/url:"([^"]+)"/g)].map((m) => m[1]!)
  let raw = 0
  let gzip = 0
  for (const url of urls) {
    const bytes = fs.readFileSync(path.join(dist, url))
    raw += bytes.length
    gzip += gzipSync(bytes).length
  }
  return { entries: urls.length, rawKb: raw / 1024, gzipKb: gzip / 1024 }
}

/**
 * A first visit in a fresh profile: ms from navigation until the log-in form can be typed in,
 * then until the service worker has installed (everything precached), and the bytes received.
 */
async function firstVisit(browser: Browser, url: string, throttled: boolean): Promise<{ loginMs: number; installedMs: number; kb: number; cachedKb: number }> {
  const context = await browser.newContext()
  try {
    const page: Page = await context.newPage()
    const cdp: CDPSession = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    let bytes = 0
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength))
    if (throttled) {
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW })
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
    }
    const start = Date.now()
    await page.goto(url, { waitUntil: 'commit' })
    await page.getByTestId('login-username').waitFor({ state: 'visible', timeout: 60_000 })
    await page.waitForFunction(() => !(document.querySelector('[data-testid="login-submit"]') as HTMLButtonElement | null)?.disabled)
    const loginMs = Date.now() - start
    // Installed: the worker is active, so every precached file has arrived.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })
    const installedMs = Date.now() - start
    // What the tablet keeps for offline use, as stored (uncompressed).
    const cached = await page.evaluate(async () => {
      let total = 0
      for (const name of await caches.keys()) {
        const cache = await caches.open(name)
        for (const request of await cache.keys()) total += (await (await cache.match(request))!.arrayBuffer()).byteLength
      }
      return total
    })
    return { loginMs, installedMs, kb: bytes / 1024, cachedKb: cached / 1024 }
  } finally {
    await context.close()
  }
}

export const firstVisitBench: Bench = {
  name: 'first-visit',
  title: `first visit of the field app at ${(SLOW.downloadThroughput * 8) / 1e6} Mbit/s, ${SLOW.latency} ms, CPU ${CPU_SLOWDOWN}× slower (DevTools emulation) vs unthrottled`,
  async run({ quick, runs, tmpDir }) {
    if (!fs.existsSync(path.join(repoRoot, 'client/dist/sw.js'))) throw new Error('client/dist is missing: run `pnpm build` first')
    const server = await startBenchServer(path.join(tmpDir, 'server'), benchSurvey(1))
    const browser = await launchBrowser()
    try {
      const n = quick ? 2 : Math.min(runs, 3)
      const fast = await repeat(n, () => firstVisit(browser, server.url, false))
      const slow = await repeat(n, () => firstVisit(browser, server.url, true))
      const precache = precacheSize()
      const login = measure('slow: log-in usable after', 'ms', slow.map((r) => r.loginMs))
      return {
        measures: [
          login,
          measure('slow: service worker installed after', 'ms', slow.map((r) => r.installedMs)),
          measure('unthrottled: log-in usable after', 'ms', fast.map((r) => r.loginMs)),
          measure('slow / unthrottled (log-in)', '×', pairedRatios(slow.map((r) => r.loginMs), fast.map((r) => r.loginMs))),
          measure('page bytes received (gzip on the wire)', 'KB', slow.map((r) => r.kb)),
          measure('stored in the Cache Storage after install', 'KB', slow.map((r) => r.cachedKb)),
          measure('precache entries', 'files', [precache.entries]),
          measure('precache total, raw', 'KB', [precache.rawKb]),
          measure('precache total, gzip', 'KB', [precache.gzipKb]),
        ],
        checks: [
          check('slow network: log-in screen usable ≤ 3 s', login.median / 1000, 'lower', 3, ' s'),
          check('precache ≤ 400 KB gzip', precache.gzipKb, 'lower', 400, ' KB'),
        ],
        notes: [
          'The precache holds the field app only: the office pages (analysis, quality, administration) and what only they load (charts) are cached when first opened (client/build/field-precache.ts).',
        ],
      }
    } finally {
      await browser.close()
      await server.stop()
    }
  },
}
