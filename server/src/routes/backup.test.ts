import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CODE_KEY_FILE } from '../codes/code-cipher.ts'
import { makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'
import { unzipEntries } from '../testing/unzip.ts'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

const tempBackups = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('parsurvey-backup-'))

async function download(): Promise<Map<string, { data: Buffer; mode: number }>> {
  const res = await t.request('/api/backup', { as: 'admin' })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('application/zip')
  expect(res.headers.get('content-disposition')).toMatch(
    /^attachment; filename="parsurvey-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.zip"$/,
  )
  return unzipEntries(Buffer.from(await res.arrayBuffer()))
}

describe('GET /api/backup', () => {
  it('streams a zip whose database opens on its own and holds the responses', async () => {
    const sent = [makeResponse(), makeResponse({ groupId: 'citizen', locationId: 'xa-1', answers: { q1: 'poor' } })]
    await t.request('/api/sync', { as: 'surveyor', json: { responses: sent } })
    const before = new Set(tempBackups())

    const entries = await download()
    // No batch issued yet, so there is no key to keep.
    expect([...entries.keys()]).toEqual(['parsurvey.db'])
    const bytes = entries.get('parsurvey.db')!.data
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
    // The temporary copy is removed once the archive has been read (on a later event-loop turn).
    const leftovers = () => tempBackups().filter((name) => !before.has(name))
    for (let i = 0; i < 100 && leftovers().length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(leftovers()).toEqual([])
    expect(t.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'database-backup'").pluck().get()).toBe(1)
  })

  it('includes the access-code key, private, once a batch has been issued', async () => {
    const issued = await t.request('/api/codes/batches', {
      as: 'admin',
      json: { surveyId: 'test-2025-district', version: 1, unitId: 'huyen-a', groupId: 'leader', count: 2 },
    })
    expect(issued.status).toBe(201)
    const entries = await download()
    expect([...entries.keys()].sort()).toEqual([CODE_KEY_FILE, 'parsurvey.db'])
    const key = entries.get(CODE_KEY_FILE)!
    expect(key.data).toEqual(fs.readFileSync(path.join(path.dirname(t.dbFile), CODE_KEY_FILE)))
    expect(key.mode).toBe(0o600)
  })

  it('is for admins only', async () => {
    expect((await t.request('/api/backup', { as: 'analyst' })).status).toBe(403)
    expect((await t.request('/api/backup')).status).toBe(401)
  })
})
