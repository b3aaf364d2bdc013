import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
afterEach(() => t.close())

async function ready() {
  const res = await t.request('/api/ready', { headers: { 'accept-language': 'en' } })
  return {
    status: res.status,
    body: (await res.json()) as { status?: string; error?: { code: string; message: string } },
  }
}

describe('GET /api/ready (readiness: the database takes writes)', () => {
  it('is ready on a working database, and the probe leaves nothing behind', async () => {
    t = await startTestApp()
    expect(await ready()).toEqual({ status: 200, body: { status: 'ready' } })
    expect(t.db.inTransaction).toBe(false)
    expect(t.db.pragma('busy_timeout', { simple: true })).toBe(5000)
  })

  it('says busy while another process holds the write lock, stays live, and is ready again once it lets go', async () => {
    t = await startTestApp()
    const other = new Database(t.dbFile)
    try {
      other.prepare('BEGIN IMMEDIATE').run()
      const { status, body } = await ready()
      expect(status).toBe(503)
      expect(body.error?.code).toBe('not-ready-busy')
      expect(body.error?.message).toMatch(/write lock/)
      // Liveness is not readiness: the process itself is fine.
      expect((await t.request('/api/health')).status).toBe(200)
      // The server's own writes still wait as long as they did before the probe.
      expect(t.db.pragma('busy_timeout', { simple: true })).toBe(5000)
      other.prepare('ROLLBACK').run()
      expect((await ready()).status).toBe(200)
    } finally {
      other.close()
    }
  })

  it('says the database does not answer when its connection is gone', async () => {
    t = await startTestApp()
    t.db.close()
    const { status, body } = await ready()
    expect(status).toBe(503)
    expect(body.error?.code).toBe('not-ready-database')
  })
})
