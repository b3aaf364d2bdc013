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
 * while a copy of the database alone — a backup, a file handed to an auditor — lets nobody
 * answer in a citizen's place, the same promise the session table makes by storing only hashes.
 * The key lives in `access-codes.key` beside the database (created on first use, mode 0600).
 * Losing it never locks respondents out (lookups use the hash); only reprinting stops working.
 */
export function codeCipherFor(db: DB): CodeCipher {
  return codeCipher(loadKey(db.name))
}

function loadKey(dbFile: string): Buffer {
  // An in-memory database lives as long as the process, so a key that does the same is enough.
  if (dbFile === '' || dbFile === ':memory:') return randomBytes(32)
  const file = path.join(path.dirname(path.resolve(dbFile)), CODE_KEY_FILE)
  try {
    // 'wx' never overwrites: when two processes start together, one key wins and both read it.
    fs.writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
  }
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
