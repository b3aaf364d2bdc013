import type { Response, SyncReply } from '@parsurvey/shared'
import { createHttp, type FetchFn } from '../../client/src/api/http.ts'
import { createMemoryStorage } from '../../client/src/storage/memory-storage.ts'
import { createSender, type SyncOutcome } from '../../client/src/sync/sender.ts'

/**
 * A field device in Node: the real client outbox (memory storage, same contract as Dexie) and
 * the real sender, talking to the server with `fetch` (or `app.request` in process) and keeping
 * its session cookie as a browser would.
 */
export function createFieldDevice(options: { baseUrl: string; fetch?: FetchFn; username: string; password: string }) {
  const rawFetch: FetchFn = options.fetch ?? ((input, init) => fetch(input, init))
  const storage = createMemoryStorage()
  let cookie = ''
  const withCookie: FetchFn = (input, init) =>
    rawFetch(input, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    })
  const http = createHttp({ fetch: withCookie, locale: () => 'vi', baseUrl: options.baseUrl })
  const sender = createSender({
    storage,
    send: (responses: Response[]) => http<SyncReply>('POST', '/api/sync', { responses }),
    random: () => 0,
  })

  /** Logs in, retrying over a faulty network; throws only when the server refuses the password. */
  async function logIn(attempts = 50): Promise<void> {
    for (let i = 0; ; i++) {
      try {
        const res = await rawFetch(`${options.baseUrl}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: options.username, password: options.password }),
        })
        const text = await res.text()
        if (res.status === 200) {
          cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!
          return
        }
        if (res.status < 500) throw new Error(`log-in refused: ${res.status} ${text}`)
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('log-in refused')) throw error
        if (i >= attempts) throw error
      }
    }
  }

  /** Queues finished questionnaires, as the questionnaire page does. */
  async function queue(responses: Response[]): Promise<void> {
    for (const response of responses) await storage.finishDraft(response, new Date().toISOString())
  }

  /** Runs the sender until the outbox is empty or `maxRuns` runs failed; the last outcome. */
  async function syncAll(maxRuns = 200): Promise<SyncOutcome | undefined> {
    let outcome: SyncOutcome | undefined
    for (let i = 0; i < maxRuns; i++) {
      outcome = await sender.run()
      if (outcome.pending === 0) break
    }
    return outcome
  }

  /** Uses a session made elsewhere (e.g. when the server cannot write a new one). */
  function useCookie(value: string): void {
    cookie = value
  }

  return { storage, sender, logIn, useCookie, queue, syncAll, run: () => sender.run() }
}
export type FieldDevice = ReturnType<typeof createFieldDevice>
