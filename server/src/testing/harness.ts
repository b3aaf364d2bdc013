import type { ApiErrorBody, Response, Survey } from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createApp, type AppOptions } from '../app.ts'
import { hashPassword } from '../auth/password.ts'
import { openDatabase } from '../db/connection.ts'
import type { Role } from '../db/users.ts'
import { createServices } from '../services.ts'

export const PASSWORD = 'correct horse battery staple'

/**
 * A real app on a real SQLite file in a temporary folder, with `makeSurvey()` published and one
 * account per role (password `PASSWORD`; the surveyor and supervisor see only `huyen-a`).
 */
export async function startTestApp(
  options: {
    surveys?: Survey[]
    app?: Pick<AppOptions, 'trustProxy' | 'publicUrl' | 'logger' | 'metricsToken' | 'mail'>
  } = {},
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-test-'))
  const dbFile = path.join(dir, 'parsurvey.db')
  const db = openDatabase(dbFile)
  const services = createServices(db)
  for (const survey of options.surveys ?? [makeSurvey()]) await services.surveys.publish(survey, null)
  const passwordHash = await hashPassword(PASSWORD)
  const accounts: [string, Role, string[] | 'all'][] = [
    ['admin', 'admin', 'all'],
    ['analyst', 'analyst', 'all'],
    ['supervisor', 'supervisor', ['huyen-a']],
    ['surveyor', 'surveyor', ['huyen-a']],
  ]
  for (const [username, role, units] of accounts) services.sqlite.users.create({ username, role, units, passwordHash })
  const app = createApp({ services, version: 'test', ...options.app })

  /** Sends a request; `as` logs in as that account first (cookies cached per account). */
  const cookies = new Map<string, string>()
  async function login(username: string, password = PASSWORD): Promise<string> {
    const res = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    })
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status}`)
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!
    cookies.set(username, cookie)
    return cookie
  }
  async function request(
    url: string,
    init: {
      method?: string
      json?: unknown
      body?: string | Uint8Array<ArrayBuffer>
      as?: string
      headers?: Record<string, string>
      /** The TCP peer's address, as a socket would give it (none by default). */
      peer?: string
    } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers }
    if (init.as) headers.cookie = cookies.get(init.as) ?? (await login(init.as))
    let body = init.body
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json'
      body = JSON.stringify(init.json)
    }
    const method = init.method ?? (body === undefined ? 'GET' : 'POST')
    return app.request(url, { method, headers, body }, init.peer === undefined ? undefined : fromPeer(init.peer))
  }

  return {
    app,
    db,
    dbFile,
    services,
    login,
    request,
    close() {
      services.folding.stop()
      db.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
export type TestApp = Awaited<ReturnType<typeof startTestApp>>

/** Bindings for `app.request` that make a request come from `address`, as @hono/node-server's would. */
export function fromPeer(address: string) {
  return { incoming: { socket: { remoteAddress: address, remoteFamily: address.includes(':') ? 'IPv6' : 'IPv4' } } }
}

/** A valid response to `makeSurvey()` from a leader of `huyen-a`; override any field. */
export function makeResponse(overrides: Partial<Response> = {}): Response {
  return {
    id: randomUUID(),
    surveyId: 'test-2025-district',
    surveyVersion: 1,
    unitId: 'huyen-a',
    groupId: 'leader',
    locationId: null,
    channel: 'field',
    answers: { q1: 'good', q2: 'very-good', q3: 'fair' },
    startedAt: '2025-10-01T08:00:00.000+07:00',
    submittedAt: '2025-10-01T08:10:00.000+07:00',
    deviceId: 'device-test',
    ...overrides,
  }
}

/** The `error` member of an API error body. */
export async function errorOf(res: globalThis.Response): Promise<ApiErrorBody['error']> {
  return ((await res.json()) as ApiErrorBody).error
}
