import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { spawn } from 'node:child_process'
import { unzipEntries } from '../../server/src/testing/unzip.ts'
import { describe, expect, it } from 'vitest'
import { logIn } from '../support/api-client.ts'
import { freePort, repoRoot, startServer } from '../support/server-process.ts'

const KEY = 'access-codes.key'
const codesIn = (csv: string) => [...new Set(csv.match(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/g))]
/** The fixture district survey without its (past) round, so codes can be issued today. */
const survey = fs
  .readFileSync(path.join(repoRoot, 'tests/fixtures/surveys/valid-district.yaml'), 'utf8')
  .replace(/^round:.*$/m, '')

async function call(url: string, cookie: string, init: { method?: string; body?: string; type?: string } = {}) {
  return fetch(url, {
    method: init.method ?? 'GET',
    headers: { cookie, ...(init.type ? { 'content-type': init.type } : {}) },
    body: init.body,
  })
}

describe('backup and restore', () => {
  it('restoring the admin backup brings back batches that still reprint', async () => {
    const first = await startServer()
    const restoredDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-restored-'))
    const password = first.logins.get('admin')!
    let codes: string[]
    let archive: Buffer
    try {
      const cookie = await logIn(first.url, 'admin', password)
      expect(
        (await call(`${first.url}/api/surveys`, cookie, { method: 'POST', body: survey, type: 'application/yaml' }))
          .status,
      ).toBe(201)
      const issued = await call(`${first.url}/api/codes/batches`, cookie, {
        method: 'POST',
        type: 'application/json',
        body: JSON.stringify({
          surveyId: 'fixture-2025-district',
          version: 2,
          unitId: 'huyen-a',
          groupId: 'leader',
          count: 3,
        }),
      })
      expect(issued.status).toBe(201)
      const { id } = (await issued.json()) as { id: number }
      codes = codesIn(await (await call(`${first.url}/api/codes/batches/${id}.csv`, cookie)).text())
      expect(codes).toHaveLength(3)
      const res = await call(`${first.url}/api/backup`, cookie)
      expect(res.status).toBe(200)
      archive = Buffer.from(await res.arrayBuffer())
    } finally {
      await first.stop()
    }

    // The README's restore: unpack both files into an empty data folder, start the server.
    for (const [name, entry] of await unzipEntries(archive)) fs.writeFileSync(path.join(restoredDir, name), entry.data)
    expect(fs.readdirSync(restoredDir).sort()).toEqual([KEY, 'parsurvey.db'])
    const restored = await startServer({ dataDir: restoredDir })
    try {
      const cookie = await logIn(restored.url, 'admin', password)
      const list = await call(`${restored.url}/api/codes/batches?surveyId=fixture-2025-district`, cookie)
      const [batch] = ((await list.json()) as { batches: { id: number }[] }).batches
      const again = await call(`${restored.url}/api/codes/batches/${batch!.id}.csv`, cookie)
      expect(again.status).toBe(200)
      expect(codesIn(await again.text())).toEqual(codes)
      const slips = await call(`${restored.url}/api/codes/batches/${batch!.id}/slips`, cookie)
      expect(slips.status).toBe(200)
      for (const code of codes) expect(await slips.clone().text()).toContain(code)
    } finally {
      await restored.stop()
      fs.rmSync(restoredDir, { recursive: true, force: true })
      fs.rmSync(first.dataDir, { recursive: true, force: true })
    }
  })

  it('a start that fails because the port is taken writes no access-code key', async () => {
    const port = await freePort()
    const blocker = net.createServer()
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve))
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-port-taken-'))
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
        cwd: repoRoot,
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, INIT_CWD: repoRoot },
        stdio: 'ignore',
      })
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
      expect(code).not.toBe(0)
      expect(fs.existsSync(path.join(dataDir, KEY))).toBe(false)
    } finally {
      blocker.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
