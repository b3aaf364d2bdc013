import { serve, type ServerType } from '@hono/node-server'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { createHashQueue, HASH_QUEUE_LIMITS, type HashQueueLimits } from '../auth/hash-queue.ts'
import { LOGIN_LIMITS } from '../auth/rate-limit.ts'
import { PASSWORD, startTestApp, type TestApp } from '../testing/harness.ts'

/**
 * Log-in under a burst, over real sockets so that client addresses differ (127.0.0.1 and
 * 127.0.0.2 are both loopback). The password-hash queue is the real one, wrapped to record when
 * each verification is admitted and started.
 */
let t: TestApp
let server: ServerType
let port: number
const events: string[] = []

function recordingQueue(limits: HashQueueLimits = HASH_QUEUE_LIMITS) {
  const queue = createHashQueue(limits)
  return {
    ...queue,
    tryRun<T>(address: string, task: () => Promise<T>) {
      events.push(`admit ${address}`)
      return queue.tryRun(address, () => (events.push(`start ${address}`), task()))
    },
  }
}

beforeAll(async () => {
  t = await startTestApp()
  const app = createApp({ services: { ...t.services, passwordChecks: recordingQueue() }, version: 'test' })
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(async () => {
  for (const agent of agents.values()) agent.destroy()
  await new Promise((resolve) => server.close(resolve))
  t.close()
})

/** Connections from each client address: up to 250 at once, kept alive. */
const agents = new Map(
  ['127.0.0.1', '127.0.0.2'].map((from) => [
    from,
    new http.Agent({ keepAlive: true, maxSockets: 250, localAddress: from }),
  ]),
)

/** POST /api/session from `from`; its status. */
function logIn(from: string, username: string, password: string): Promise<number> {
  const body = JSON.stringify({ username, password })
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        agent: agents.get(from),
        method: 'POST',
        path: '/api/session',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode!))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

describe('a burst of log-ins', () => {
  it(
    '1,000 parallel guesses for one account from one address: 5 are verified, the rest get 429, and another user logs in meanwhile',
    { timeout: 60_000 },
    async () => {
      const RIGHT = 500
      const burst = Array.from({ length: 1000 }, (_, i) =>
        logIn('127.0.0.1', 'surveyor', i === RIGHT ? PASSWORD : `guess-${i}`),
      )
      // Another user, from another address, while the burst's verifications are under way.
      while (!events.includes('start 127.0.0.1')) await new Promise((r) => setTimeout(r, 1))
      const other = await logIn('127.0.0.2', 'analyst', PASSWORD)
      const statuses = await Promise.all(burst)

      expect(statuses.filter((s) => s === 429)).toHaveLength(1000 - LOGIN_LIMITS.perPair)
      expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_LIMITS.perPair)
      expect(statuses[RIGHT]).toBe(429) // the right password came too late: refused unchecked
      expect(events.filter((e) => e === 'start 127.0.0.1')).toHaveLength(LOGIN_LIMITS.perPair)

      expect(other).toBe(200)
      // Not queued behind the burst: between its admission and its start, at most one of the
      // burst's verifications started (its turn comes next after the address being served).
      const admitted = events.indexOf('admit 127.0.0.2')
      const started = events.indexOf('start 127.0.0.2')
      expect(admitted).toBeGreaterThanOrEqual(0)
      expect(events.slice(admitted, started).filter((e) => e === 'start 127.0.0.1').length).toBeLessThanOrEqual(1)
    },
  )
})

describe('when password checks are saturated', () => {
  it('answers 429 with Retry-After and a translated message beyond the waiting line, and counts nothing against the user', async () => {
    const passwordChecks = createHashQueue({ concurrency: 1, maxWaiting: 1, maxWaitingPerAddress: 1 })
    const app = createApp({ services: { ...t.services, passwordChecks }, version: 'test' })
    const post = (locale: string) =>
      app.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': locale },
        body: JSON.stringify({ username: 'analyst', password: PASSWORD }),
      })
    // Others' work fills the queue: one verification running, one waiting.
    let release!: () => void
    const running = passwordChecks.tryRun('elsewhere', () => new Promise<void>((resolve) => (release = resolve)))
    const waiting = passwordChecks.tryRun('elsewhere', () => Promise.resolve())

    const [en, vi] = [await post('en'), await post('vi')]
    for (const busy of [en, vi]) {
      expect(busy.status).toBe(429)
      expect(Number(busy.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    }
    expect(await en.json()).toMatchObject({ error: { code: 'login-busy', message: expect.stringMatching(/busy/) } })
    expect(await vi.json()).toMatchObject({ error: { message: expect.stringMatching(/Máy chủ đang bận/) } })
    // Refused for lack of capacity, not for guessing: such refusals never lock the account.
    for (let i = 0; i < 2 * LOGIN_LIMITS.perPair; i++) expect((await post('en')).status).toBe(429)

    release()
    await Promise.all([running.ok && running.result, waiting.ok && waiting.result])
    expect((await post('en')).status).toBe(200)
  })
})
