import type { Survey } from '@parsurvey/shared'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inject } from 'vitest'
import type { User } from '../db/users.ts'
import { openStorage, type Storage } from '../storage/open-storage.ts'
import { createTestDatabase } from './postgres.ts'

/** An opened test database: `other()` is a second connection to it, as a second app server has; `file`: SQLite's. */
export type OpenedEngine = { storage: Storage; other(): Promise<Storage>; drop(): Promise<void>; file?: string }

/**
 * The two engines the storage suites run on (`describe.each(storageEngines)`). On PostgreSQL each
 * test gets its own database and `other()` opens a second pool on it (`drop()` closes them all). On SQLite `other()` is the
 * same storage: one process is SQLite's only writer, and a second connection in the same thread
 * would wait on the first synchronously (docs/storage.md).
 */
export const storageEngines: { name: 'SQLite' | 'PostgreSQL'; open(): Promise<OpenedEngine> }[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-store-'))
      const file = path.join(dir, 'parsurvey.db')
      const storage = await openStorage(file)
      return {
        storage,
        file,
        other: async () => storage,
        async drop() {
          await storage.close()
          fs.rmSync(dir, { recursive: true, force: true })
        },
      }
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const url = await createTestDatabase(inject('pgAdminUrl'))
      const storage = await openStorage(url)
      const others: Storage[] = []
      return {
        storage,
        async other() {
          const second = await openStorage(url)
          others.push(second)
          return second
        },
        async drop() {
          await Promise.all([storage, ...others].map((s) => s.close()))
        },
      }
    },
  },
]

/** Publishes `survey` and adds the accounts `users` (as surveyors with a password that never matches). */
export async function seedStorage(storage: Storage, survey: Survey, users: User[]): Promise<void> {
  await storage.db
    .insertInto('surveys')
    .values({
      id: survey.id,
      version: survey.version,
      definition: JSON.stringify(survey),
      hash: 'h',
      published_at: '2025-09-01T00:00:00Z',
      published_by: null,
    })
    .execute()
  for (const u of users)
    await storage.db
      .insertInto('users')
      .values({
        id: u.id,
        username: u.username,
        password_hash: 'x',
        role: u.role,
        all_units: 0,
        disabled_at: null,
        created_at: '2025-09-01T00:00:00Z',
        last_login_at: null,
      })
      .execute()
}
