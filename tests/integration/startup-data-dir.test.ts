import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runBuiltServerToExit } from '../support/built-server.ts'
import { freePort, startServer } from '../support/server-process.ts'

/**
 * `npm start` with an unusable DATA_DIR says which folder, what is wrong and what to do, and
 * exits non-zero without a stack trace; a second server on one DATA_DIR refuses before it opens
 * the database (issue 13, item 19).
 */
async function runToExit(dataDir: string): Promise<{ code: number | null; output: string }> {
  return runBuiltServerToExit({ DATA_DIR: dataDir }, await freePort())
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-datadir-'))
const noStack = (output: string) => expect(output).not.toMatch(/^\s+at /m)

describe('start-up with an unusable DATA_DIR', () => {
  it('names a missing parent folder and says to create it', async () => {
    const parent = path.join(tmp(), 'no-such-folder')
    const { code, output } = await runToExit(path.join(parent, 'data'))
    expect(code).not.toBe(0)
    expect(output).toContain(`its parent folder ${parent} does not exist`)
    expect(output).toContain(`mkdir -p ${parent}`)
    noStack(output)
    expect(fs.existsSync(parent)).toBe(false)
  })

  it('says when part of the path is a file', async () => {
    const file = path.join(tmp(), 'a-file')
    fs.writeFileSync(file, 'x')
    const { code, output } = await runToExit(path.join(file, 'data'))
    expect(code).not.toBe(0)
    expect(output).toContain(`Cannot create the data folder ${path.join(file, 'data')}`)
    expect(output).toContain('part of the path is a file')
    noStack(output)
  })

  it('says when the folder cannot be written (a file system that refuses writes)', async () => {
    // /sys is mounted read-only (or refuses new entries) in containers and on ordinary hosts alike.
    const { code, output } = await runToExit('/sys/parsurvey-data')
    expect(code).not.toBe(0)
    expect(output).toContain('Cannot create the data folder /sys/parsurvey-data')
    expect(output).toMatch(/read-only file system|may not write there/)
    noStack(output)
  })
})

describe('two servers on one DATA_DIR', () => {
  it('refuses the second before it opens the database, naming the first one', async () => {
    const first = await startServer()
    try {
      const dbBefore = fs.statSync(first.dbFile).mtimeMs
      const { code, output } = await runToExit(first.dataDir)
      expect(code).not.toBe(0)
      expect(output).toContain(`Another parsurvey server (process ${first.pid}) is already using the data folder`)
      noStack(output)
      expect(fs.statSync(first.dbFile).mtimeMs).toBe(dbBefore)
      expect((await fetch(`${first.url}/api/health`)).status).toBe(200)
    } finally {
      await first.stop()
    }
    expect(fs.existsSync(path.join(first.dataDir, 'parsurvey.lock'))).toBe(false)
  })

  it('takes over a lock left by a process that is gone', async () => {
    const dataDir = tmp()
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString()
    fs.writeFileSync(path.join(dataDir, 'parsurvey.lock'), `${gone}\n`)
    const server = await startServer({ dataDir })
    try {
      expect(fs.readFileSync(path.join(dataDir, 'parsurvey.lock'), 'utf8').trim()).toBe(String(server.pid))
    } finally {
      await server.stop()
    }
  })
})
