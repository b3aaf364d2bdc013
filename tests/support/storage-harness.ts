import { generateResponses } from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import Database from 'better-sqlite3'
import { PASSWORD, startTestApp } from '../../server/src/testing/harness.ts'
import { createFieldDevice } from './field-device.ts'

/**
 * The storage-fault soak: a device keeps queuing and syncing while the server's database, in
 * turn, fills up (PRAGMA max_page_count: SQLite fails writes with SQLITE_FULL exactly as on a
 * full disk), turns read-only (PRAGMA query_only) or stays locked by another writer past the
 * busy timeout. Every refused sync must be a 503 that leaves the queue pending; at the end every
 * response is stored once and shown as sent.
 */
export type StorageFault = 'none' | 'disk-full' | 'read-only' | 'busy'

export type StorageResult = {
  cycles: number
  faults: Record<StorageFault, number>
  injected: number
  queued: number
  acknowledged: number
  lost: string[]
  duplicated: number
  /** Answers ≥ 500 other than 503 storage-unavailable (must be 0). */
  serverErrors: number
  /** Sync attempts refused with 503 storage-unavailable while a fault was on. */
  refused: number
  integrity: string
}

export async function runStorageTrial(options: {
  cycles: number
  perCycle: number
  seed: number
}): Promise<StorageResult> {
  const survey = makeSurvey()
  const t = await startTestApp({ surveys: [survey] })
  const faults: Record<StorageFault, number> = { none: 0, 'disk-full': 0, 'read-only': 0, busy: 0 }
  let serverErrors = 0
  let refused = 0
  // The server logs every refused write for the operator; here they are expected, thousands of them.
  const log = console.error
  console.error = () => undefined
  try {
    const device = createFieldDevice({
      baseUrl: '',
      fetch: async (input, init) => {
        const res = await t.app.request(input, init)
        if (res.status >= 500 && res.status !== 503) serverErrors++
        return res
      },
      // The admin may send for every unit; generated responses cover both units of the survey.
      username: 'admin',
      password: PASSWORD,
    })
    await device.logIn()
    const all = [...generateResponses(survey, options.cycles * options.perCycle, `storage-${options.seed}`)]
    const kinds: StorageFault[] = ['none', 'disk-full', 'read-only', 'busy']
    t.db.pragma('busy_timeout = 50')
    for (let cycle = 0; cycle < options.cycles; cycle++) {
      await device.queue(all.slice(cycle * options.perCycle, (cycle + 1) * options.perCycle))
      const fault = kinds[(cycle * 7 + options.seed) % kinds.length]!
      faults[fault]++
      let other: Database.Database | undefined
      if (fault === 'disk-full') t.db.pragma(`max_page_count = ${t.db.pragma('page_count', { simple: true })}`)
      if (fault === 'read-only') t.db.pragma('query_only = ON')
      if (fault === 'busy') {
        other = new Database(t.dbFile)
        other.exec('BEGIN IMMEDIATE')
      }
      const outcome = await device.run()
      if (!outcome.ok && outcome.error.code === 'storage-unavailable') refused++
      if (fault === 'disk-full') t.db.pragma('max_page_count = 1073741823')
      if (fault === 'read-only') t.db.pragma('query_only = OFF')
      if (other) {
        other.exec('ROLLBACK')
        other.close()
      }
    }
    await device.syncAll(50)
    const entries = await device.storage.outbox()
    const stored = t.db.prepare('SELECT id FROM responses').pluck().all() as string[]
    const storedSet = new Set(stored)
    return {
      cycles: options.cycles,
      faults,
      injected: options.cycles - faults.none,
      queued: entries.length,
      acknowledged: entries.filter((e) => e.state === 'sent').length,
      lost: all.map((r) => r.id).filter((id) => !storedSet.has(id)),
      duplicated: stored.length - storedSet.size,
      serverErrors,
      refused,
      integrity: String(t.db.pragma('integrity_check', { simple: true })),
    }
  } finally {
    console.error = log
    t.close()
  }
}
