import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

const tempBackups = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('parsurvey-backup-'))

describe('GET /api/backup', () => {
  it('streams a database file that opens on its own and holds the responses', async () => {
    const sent = [
      makeResponse(),
      makeResponse({ groupId: 'citizen', locationId: 'xa-1', answers: { q1: 'poor', q3: 'fair', q4: 'good' } }),
    ]
    await t.request('/api/sync', { as: 'surveyor', json: { responses: sent } })
    const before = new Set(tempBackups())

    const res = await t.request('/api/backup', { as: 'admin' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vnd.sqlite3')
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="parsurvey-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.db"$/,
    )
    const bytes = Buffer.from(await res.arrayBuffer())
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0')

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-restore-'))
    try {
      const file = path.join(dir, 'parsurvey.db')
      fs.writeFileSync(file, bytes)
      const copy = new Database(file, { readonly: true })
      const ids = copy.prepare('SELECT id FROM responses ORDER BY id').pluck().all()
      expect(ids).toEqual(sent.map((r) => r.id).sort())
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
      copy.close()
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
    // The temporary copy is removed once the file stream closes (on a later event-loop turn).
    const leftovers = () => tempBackups().filter((name) => !before.has(name))
    for (let i = 0; i < 100 && leftovers().length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(leftovers()).toEqual([])
    expect(t.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'database-backup'").pluck().get()).toBe(1)
  })

  it('is for admins only', async () => {
    expect((await t.request('/api/backup', { as: 'analyst' })).status).toBe(403)
    expect((await t.request('/api/backup')).status).toBe(401)
  })
})
