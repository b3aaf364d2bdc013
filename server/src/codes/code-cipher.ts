import { DomainError } from '@parsurvey/shared'
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { DB } from '../db/connection.ts'

/** Name of the key file kept beside the database file (back both up together). */
export const CODE_KEY_FILE = 'access-codes.key'

export type CodeCipher = {
  /** `code` encrypted and bound to `hash` (its row), as base64 text. */
  seal(code: string, hash: string): string
  /** The code sealed with `seal`, or undefined when the key cannot open it (key file lost or replaced). */
  open(sealed: string, hash: string): string | undefined
}

/**
 * Encrypts access codes so that admins can reprint a batch (a jammed printer, a lost sheet)
 * while a copy of the database alone — a file handed to an auditor — lets nobody answer in a
 * citizen's place, the same promise the session table makes by storing only hashes.
 * The key lives in `access-codes.key` beside the database, mode 0600, and goes into the admin's
 * backup archive with it (backup/archive.ts). Losing it never locks respondents out (lookups use
 * the hash); only reprinting stops working.
 *
 * The key is read when first needed and created only by the first `seal` (the first batch
 * issued), never on start-up: a start that fails (port in use), a CLI command, or a server started
 * on a restored database whose key has not been copied back yet must not write a new key, which
 * would then stand in the way of the real one.
 */
export function codeCipherFor(db: DB): CodeCipher {
  let cipher: CodeCipher | undefined
  const file = keyFileOf(db.name)
  const load = (create: boolean): CodeCipher | undefined => {
    if (cipher) return cipher
    const key = file === null ? randomBytes(32) : readKey(file, create)
    if (key) cipher = codeCipher(key)
    return cipher
  }
  return {
    seal: (code, hash) => load(true)!.seal(code, hash),
    open: (sealed, hash) => load(false)?.open(sealed, hash),
  }
}

/**
 * The cipher of a key every app server on one PostgreSQL shares: the file named by
 * `ACCESS_CODE_KEY_FILE` (config.ts checks at start that it holds a key; docs/deploy.md). It is
 * never created here: a key one server made would be unknown to the others, whose codes could then
 * not be reprinted, and a key kept in the database would let a copy of the database alone reveal
 * every code. Without a key `seal` refuses (409 `code-key-missing`) and `open` finds nothing.
 */
export function sharedCodeCipher(file: string | undefined): CodeCipher {
  let cipher: CodeCipher | undefined
  const load = (): CodeCipher | undefined => {
    if (!cipher && file !== undefined) {
      const key = readKey(file, false)
      if (key) cipher = codeCipher(key)
    }
    return cipher
  }
  return {
    seal(code, hash) {
      const loaded = load()
      if (!loaded) throw new DomainError('code-key-missing', { status: 409 })
      return loaded.seal(code, hash)
    },
    open: (sealed, hash) => load()?.open(sealed, hash),
  }
}

/** Where the key of this database lives; null for an in-memory database (its key lives as long as it). */
export function keyFileOf(dbFile: string): string | null {
  if (dbFile === '' || dbFile === ':memory:') return null
  return path.join(path.dirname(path.resolve(dbFile)), CODE_KEY_FILE)
}

/** The key in `file`, made first when `create` is set; undefined when it does not exist and may not be made. */
export function readKey(file: string, create: boolean): Buffer | undefined {
  if (create) {
    try {
      // 'wx' never overwrites: when two processes start together, one key wins and both read it.
      fs.writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
  } else if (!fs.existsSync(file)) return undefined
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64')
  if (key.length !== 32) throw new Error(`${file} is not a 32-byte base64 key; restore it from a backup`)
  return key
}

export function codeCipher(key: Buffer): CodeCipher {
  return {
    seal(code, hash) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      cipher.setAAD(Buffer.from(hash))
      const body = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')
    },
    open(sealed, hash) {
      const raw = Buffer.from(sealed, 'base64')
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12))
        decipher.setAAD(Buffer.from(hash))
        decipher.setAuthTag(raw.subarray(12, 28))
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
      } catch {
        return undefined
      }
    },
  }
}
