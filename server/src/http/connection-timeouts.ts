import type { Server } from 'node:http'

/**
 * How long the server keeps an idle keep-alive connection. Node's default (5 s) is shorter than
 * a stall on a 2G link (a few TCP retransmissions at a 600 ms round trip): the server would close
 * the connection while a device's next sync batch is on its way, and every new connection costs
 * a device 2–3 round trips (TCP, then TLS behind a proxy) before its first byte. 30 s covers
 * such stalls and stays far below the idle timeouts of mobile carriers' NATs (minutes), so a
 * device never reuses a connection a middlebox has silently forgotten. An idle socket costs a
 * few kilobytes.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 30_000

/**
 * Longest wait for a request's headers (a few hundred bytes): generous for 2G with losses, and
 * it bounds slow-header attacks. Above the keep-alive timeout, as Node requires.
 */
export const HEADERS_TIMEOUT_MS = 60_000

/**
 * Longest wait for a whole request. A sync batch (50 responses, gzip) is tens of kilobytes: a
 * few seconds at 50 kbit/s up. 5 minutes also lets an office upload a survey file or a sheet
 * of a few megabytes on a slow line.
 */
export const REQUEST_TIMEOUT_MS = 300_000

/** Sets the connection timeouts above on the HTTP server. */
export function applyConnectionTimeouts(
  server: Pick<Server, 'keepAliveTimeout' | 'headersTimeout' | 'requestTimeout'>,
): void {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS
  server.headersTimeout = HEADERS_TIMEOUT_MS
  server.requestTimeout = REQUEST_TIMEOUT_MS
}
