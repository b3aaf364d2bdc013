import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type DB } from '../db/connection.ts'
import { CODE_KEY_FILE, codeCipher, codeCipherFor, sharedCodeCipher } from './code-cipher.ts'

const dirs: string[] = []
const dbs: DB[] = []
afterEach(() => {
  for (const db of dbs.splice(0)) db.close()
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})
function tempDb(): { db: DB; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-cipher-'))
  dirs.push(dir)
  const db = openDatabase(path.join(dir, 'parsurvey.db'))
  dbs.push(db)
  return { db, dir }
}

describe('code cipher', () => {
  it('opens what it sealed, and only for the same row hash', () => {
    const cipher = codeCipher(randomBytes(32))
    const sealed = cipher.seal('ABCDEFGHJKMNPQRS', 'hash-1')
    expect(sealed).not.toContain('ABCDEFGHJKMNPQRS')
    expect(cipher.open(sealed, 'hash-1')).toBe('ABCDEFGHJKMNPQRS')
    expect(cipher.open(sealed, 'hash-2')).toBeUndefined()
  })

  it('keeps its key in a private file beside the database and reuses it after a restart', () => {
    const { db, dir } = tempDb()
    const sealed = codeCipherFor(db).seal('ABCDEFGHJKMNPQRS', 'h')
    const keyFile = path.join(dir, CODE_KEY_FILE)
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600)
    expect(codeCipherFor(db).open(sealed, 'h')).toBe('ABCDEFGHJKMNPQRS')
  })

  it('cannot open codes once the key file is replaced (a database copied without its key)', () => {
    const { db, dir } = tempDb()
    const sealed = codeCipherFor(db).seal('ABCDEFGHJKMNPQRS', 'h')
    fs.writeFileSync(path.join(dir, CODE_KEY_FILE), randomBytes(32).toString('base64'))
    expect(codeCipherFor(db).open(sealed, 'h')).toBeUndefined()
  })

  it('writes no key until the first seal, and opening without a key file finds nothing', () => {
    const { db, dir } = tempDb()
    const keyFile = path.join(dir, CODE_KEY_FILE)
    const cipher = codeCipherFor(db)
    expect(cipher.open('c2VhbGVk', 'h')).toBeUndefined()
    expect(fs.existsSync(keyFile)).toBe(false)
    const sealed = cipher.seal('ABCDEFGHJKMNPQRS', 'h')
    expect(fs.existsSync(keyFile)).toBe(true)
    expect(cipher.open(sealed, 'h')).toBe('ABCDEFGHJKMNPQRS')
  })

  it('reads a key restored beside the database after it started without one', () => {
    const first = tempDb()
    const sealed = codeCipherFor(first.db).seal('ABCDEFGHJKMNPQRS', 'h')
    const restored = tempDb()
    const cipher = codeCipherFor(restored.db)
    expect(cipher.open(sealed, 'h')).toBeUndefined()
    fs.copyFileSync(path.join(first.dir, CODE_KEY_FILE), path.join(restored.dir, CODE_KEY_FILE))
    expect(cipher.open(sealed, 'h')).toBe('ABCDEFGHJKMNPQRS')
  })
  it('on PostgreSQL opens on every server what any of them sealed with the shared key file, and never makes one', () => {
    const { dir } = tempDb()
    const keyFile = path.join(dir, 'shared.key')
    const [one, two] = [sharedCodeCipher(keyFile), sharedCodeCipher(keyFile)]
    expect(() => one.seal('ABCDEFGHJKMNPQRS', 'h')).toThrow(expect.objectContaining({ code: 'code-key-missing' }))
    expect(fs.existsSync(keyFile)).toBe(false)
    expect(() => sharedCodeCipher(undefined).seal('ABCDEFGHJKMNPQRS', 'h')).toThrow(
      expect.objectContaining({ code: 'code-key-missing' }),
    )
    fs.writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 })
    const sealed = one.seal('ABCDEFGHJKMNPQRS', 'h')
    expect(two.open(sealed, 'h')).toBe('ABCDEFGHJKMNPQRS')
    expect(sharedCodeCipher(undefined).open(sealed, 'h')).toBeUndefined()
  })
})
