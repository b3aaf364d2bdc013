import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inject } from 'vitest'
import { openStorage, type Storage } from '../storage/open-storage.ts'
import { createTestDatabase } from './postgres.ts'

/**
 * A fresh database of one engine for a `describe.each` suite of the storage boundary.
 * `other()` is a second app server on the same database: its own pool on PostgreSQL; on SQLite
 * the same storage, because one process is SQLite's only writer (a second connection in the same
 * thread would wait on the first synchronously) and a second server refuses to start on a data
 * folder that is in use.
 */
export type TestEngine = {
  name: 'SQLite' | 'PostgreSQL'
  open(): Promise<{ storage: Storage; other(): Promise<Storage>; drop(): Promise<void> }>
}

export const testEngines: TestEngine[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-store-'))
      const storage = await openStorage(path.join(dir, 'parsurvey.db'))
      return {
        storage,
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
