import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { SESSION_TTL_MS } from '../db/sessions.ts'
import { storageEngines } from '../testing/storage-engines.ts'
import type { Storage } from './open-storage.ts'
import { sessionStore } from './session-store.ts'

const T0 = new Date('2025-10-01T08:00:00Z')
const DAY = 24 * 60 * 60 * 1000

describe.each(storageEngines)('sessions on $name', (engine) => {
  let storage: Storage
  let second: Storage
  let drop: () => Promise<void>
  beforeAll(async () => {
    const opened = await engine.open()
    ;({ storage, drop } = opened)
    second = await opened.other()
    for (const [id, username] of [
      [1, 'lan'],
      [2, 'minh'],
    ] as const)
      await storage.db
        .insertInto('users')
        .values({
          id,
          username,
          password_hash: 'x',
          role: 'surveyor',
          all_units: 0,
          disabled_at: null,
          created_at: T0.toISOString(),
          last_login_at: null,
        })
        .execute()
  })
  afterAll(() => drop())
  beforeEach(async () => {
    await storage.db.deleteFrom('sessions').execute()
  })

  it('makes a session on one server that the other accepts, and keeps only the token hash', async () => {
    const { token, expiresAt } = await sessionStore(storage.db).create(1, T0)
    expect(expiresAt.getTime()).toBe(T0.getTime() + SESSION_TTL_MS)
    expect(await sessionStore(second.db).userIdFor(token, new Date(T0.getTime() + DAY))).toBe(1)
    const rows = await storage.db.selectFrom('sessions').selectAll().execute()
    expect(rows).toHaveLength(1)
    expect(JSON.stringify(rows)).not.toContain(token)
    expect(await sessionStore(second.db).userIdFor('not-a-token', T0)).toBeUndefined()
  })

  it('ends a session after 30 days on every server, and a new session purges the expired ones', async () => {
    const { token } = await sessionStore(storage.db).create(1, T0)
    const later = new Date(T0.getTime() + SESSION_TTL_MS)
    expect(await sessionStore(second.db).userIdFor(token, new Date(later.getTime() - 1))).toBe(1)
    expect(await sessionStore(second.db).userIdFor(token, later)).toBeUndefined()
    await sessionStore(second.db).create(2, later)
    const left = await storage.db.selectFrom('sessions').select('user_id').execute()
    expect(left).toEqual([{ user_id: 2 }])
  })

  it('a session ended (log-out) on one server is gone on the other', async () => {
    const { token } = await sessionStore(storage.db).create(1, T0)
    const { token: kept } = await sessionStore(storage.db).create(1, T0)
    await sessionStore(second.db).destroy(token)
    expect(await sessionStore(storage.db).userIdFor(token, T0)).toBeUndefined()
    expect(await sessionStore(storage.db).userIdFor(kept, T0)).toBe(1)
  })

  it("logs a user out everywhere at once and says how many sessions ended, leaving others' alone", async () => {
    const tokens = await Promise.all([
      sessionStore(storage.db).create(1, T0),
      sessionStore(second.db).create(1, T0),
      sessionStore(second.db).create(1, T0),
    ])
    const other = await sessionStore(storage.db).create(2, T0)
    expect(await sessionStore(second.db).destroyAllOf(1)).toBe(3)
    for (const { token } of tokens) expect(await sessionStore(storage.db).userIdFor(token, T0)).toBeUndefined()
    expect(await sessionStore(storage.db).userIdFor(other.token, T0)).toBe(2)
    expect(await sessionStore(storage.db).destroyAllOf(1)).toBe(0)
  })
})
