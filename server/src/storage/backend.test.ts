import { describe, expect, it } from 'vitest'
import { openDatabase } from '../db/connection.ts'
import { sessionsRepository, type SessionsRepository } from '../db/sessions.ts'
import { asyncPort, type Async } from './backend.ts'
import { sessionStore } from './session-store.ts'

// The PostgreSQL store and the SQLite repository behind its port have one shape: a renamed
// method or a changed result is a type error here (checked by `pnpm typecheck`).
type SameShape = ReturnType<typeof sessionStore> extends Async<SessionsRepository> ? true : false
const sameShape: SameShape = true

describe('asyncPort', () => {
  it('gives the repository’s results as promises, and its throws as rejections', async () => {
    const db = openDatabase(':memory:')
    const sessions = asyncPort(sessionsRepository(db))
    db.prepare(
      "INSERT INTO users (username, password_hash, role, created_at) VALUES ('a', 'x', 'admin', '2026-01-01')",
    ).run()
    const { token } = await sessions.create(1)
    expect(await sessions.userIdFor(token)).toBe(1)
    await sessions.destroy(token)
    expect(await sessions.userIdFor(token)).toBeUndefined()
    const failing = asyncPort({
      fail: (): number => {
        throw new Error('disk full')
      },
    })
    await expect(failing.fail()).rejects.toThrow('disk full')
    expect(sameShape).toBe(true)
    db.close()
  })
})
