import { generateResponses } from '@parsurvey/shared'
import Database from 'better-sqlite3'
import { createHash, randomUUID } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import type { Browser, CDPSession } from 'playwright-core'
import { launchBrowser } from '../support/browser.ts'
import { demoSurvey } from '../support/crash-harness.ts'
import { fieldApp } from '../support/field-app.ts'
import { importResponses, surveyorPage } from '../support/field-fixtures.ts'
import { seededRandom, startFaultProxy, weightedFaults, type Fault } from '../support/fault-proxy.ts'
import { startServer, type ServerProcess } from '../support/server-process.ts'
import { check, measure, pairedRatios, repeat, type Bench } from './harness.ts'

/** 2G-like, as issue 18 sets it: 250 kbit/s down, 50 kbit/s up, 600 ms round trip. */
const TWO_G = { latency: 600, downloadThroughput: 250_000 / 8, uploadThroughput: 50_000 / 8 }
/** A week offline. */
const QUEUED = 300
/** Sync requests whose connection dies: before the server reads them, or after it stored (receipt lost). */
const DROPS: Partial<Record<Exclude<Fault, 'pass'>, number>> = { drop: 0.1, cut: 0.1 }
const LIMIT_MS = 120_000

type Trial = { ms: number; syncRequests: number; sentBytes: number; receivedBytes: number; faults: number }

/**
 * One device with `QUEUED` finished responses loaded into its outbox, syncing through the fault
 * proxy (each request on its own connection) under `conditions` (DevTools network emulation).
 * Ends when its outbox is empty; every response must then be stored exactly once.
 */
async function trial(browser: Browser, server: ServerProcess, run: number, slow: boolean): Promise<Trial> {
  const survey = demoSurvey()
  const responses = [...generateResponses(survey, QUEUED, `poor-network-${run}-${slow}`)]
  const random = seededRandom(1000 + run)
  const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: server.port }, choose: () => 'pass', random })
  const context = await browser.newContext({ locale: 'vi-VN' })
  try {
    const page = await surveyorPage(context, { ...server, url: proxy.url })
    const cdp: CDPSession = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    let receivedBytes = 0
    const syncIds = new Set<string>()
    cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string; method: string } }) => {
      if (e.request.method === 'POST' && e.request.url.endsWith('/api/sync')) syncIds.add(e.requestId)
    })
    cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
      if (syncIds.has(e.requestId)) receivedBytes += e.encodedDataLength
    })
    let sentBytes = 0
    let syncRequests = 0
    const faults = weightedFaults(slow ? DROPS : {}, random)
    proxy.setChooser((request) => {
      if (request.method !== 'POST' || request.path !== '/api/sync') return 'pass'
      syncRequests++
      sentBytes += request.bytes
      return faults(request)
    })
    if (slow) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...TWO_G })
    const start = Date.now()
    await importResponses(page, survey, responses)
    const app = fieldApp(page)
    const db = new Database(server.dbFile, { readonly: true })
    const ids = responses.map((r) => r.id)
    const countStored = db.prepare(`SELECT COUNT(*) FROM responses WHERE id IN (${ids.map(() => '?').join(',')})`).pluck()
    try {
      // Done when the server holds every response once and the device shows none waiting.
      while (countStored.get(...ids) !== QUEUED || (await app.outboxCount()) > 0) {
        if (Date.now() - start > LIMIT_MS) throw new Error(`${String(countStored.get(...ids))} of ${QUEUED} responses stored after ${LIMIT_MS / 1000} s`)
        await page.waitForTimeout(100)
      }
    } finally {
      db.close()
    }
    const ms = Date.now() - start
    return { ms, syncRequests, sentBytes, receivedBytes, faults: proxy.injected() }
  } finally {
    await context.close()
    await proxy.close()
  }
}

/** What a receipt would weigh gzipped: a reply of 50 receipts of random ids and hashes, per receipt. */
function gzippedReceiptBytes(): number {
  const results = Array.from({ length: 50 }, () => ({
    id: randomUUID(),
    status: 'stored',
    hash: createHash('sha256').update(randomUUID()).digest('hex'),
    receivedAt: new Date().toISOString(),
  }))
  return gzipSync(JSON.stringify({ results })).length / 50
}

export const poorNetwork: Bench = {
  name: 'poor-network',
  title: `${QUEUED} queued responses synced by the field app at 2G (250/50 kbit/s, 600 ms, DevTools emulation) with connections dropped at random, vs loopback`,
  async run({ quick, runs }) {
    const server = await startServer()
    const browser = await launchBrowser()
    try {
      const n = quick ? 1 : Math.min(runs, 2)
      const fast = await repeat(n, (run) => trial(browser, server, run, false))
      const slow = await repeat(n, (run) => trial(browser, server, run, true))
      const seconds = measure('2G with drops: all acknowledged after', 's', slow.map((t) => t.ms / 1000))
      const plainPerResponse = JSON.stringify({ responses: [...generateResponses(demoSurvey(), QUEUED, 'size')] }).length / QUEUED
      const sentPerResponse = measure('bytes sent per response (gzip, with retries and headers)', 'B', slow.map((t) => t.sentBytes / QUEUED))
      return {
        measures: [
          seconds,
          measure('loopback: all acknowledged after', 's', fast.map((t) => t.ms / 1000)),
          measure('2G / loopback', '×', pairedRatios(slow.map((t) => t.ms), fast.map((t) => t.ms))),
          measure('2G: sync requests (faults injected)', 'requests', slow.map((t) => t.syncRequests)),
          measure('2G: connections dropped or cut', 'faults', slow.map((t) => t.faults)),
          sentPerResponse,
          measure('loopback: bytes sent per response (gzip, no retries)', 'B', fast.map((t) => t.sentBytes / QUEUED)),
          measure('peer: the same response as plain JSON', 'B', [plainPerResponse]),
          measure('bytes received per response (receipts, uncompressed)', 'B', fast.map((t) => t.receivedBytes / QUEUED)),
          measure('peer: a receipt gzipped (batch of 50)', 'B', [gzippedReceiptBytes()]),
        ],
        checks: [check(`${QUEUED} responses acknowledged exactly once at 2G with drops in ≤ 60 s`, seconds.median, 'lower', 60, ' s')],
        notes: [
          'Receipts stay uncompressed (app.ts: gzip cost a quarter of the server time per stored response); the two receipt measures show what compressing them would save on the downlink.',
          'Each sync request goes on its own connection through a proxy that drops 10% before the server reads them and cuts 10% after it stored them (the receipt is lost); the device retries on its backoff and resends exactly what it sent.',
        ],
      }
    } finally {
      await browser.close()
      await server.stop()
    }
  },
}
