/**
 * The PostgreSQL bench's databases and the ways rows get into them (tests/bench/postgres.ts):
 * a fresh database with the bench survey and its sender, ingest through the response store as
 * sync does, and the two ceilings for the same rows (multi-row INSERTs, `COPY` through `psql`).
 */
import type { Response, Survey } from '@parsurvey/shared'
import { spawn } from 'node:child_process'
import type { User } from '../../server/src/db/users.ts'
import { openStorage, type Storage } from '../../server/src/storage/open-storage.ts'
import { responseRow, responseStore } from '../../server/src/storage/response-store.ts'
import { createTestDatabase } from '../../server/src/testing/postgres.ts'
import type { CheckedBatch, ValidResponse } from '../../server/src/sync/ingest.ts'
import { stored } from './data.ts'
import type { Measure } from './harness.ts'

const BATCH = 100
const BATCHES_PER_TRANSACTION = 5
const CEILING_ROWS = 500
/** One half of the bench: its measures on a PostgreSQL server, for `count` responses and `runs` repetitions. */
export type Figures = (run: {
  adminUrl: string
  survey: Survey
  count: number
  runs: number
  log: (line: string) => void
}) => Promise<Measure[]>

export const sender: User = { id: 1, username: 'bench', role: 'admin', units: 'all', disabled: false }

/** A new database holding the survey and the sending account, and one storage (pool) per app server. */
export async function freshDatabase(adminUrl: string, survey: Survey, servers = 1): Promise<{ url: string; storages: Storage[] }> {
  const url = await createTestDatabase(adminUrl, 'parsurvey_bench')
  const first = await openStorage(url)
  await first.db
    .insertInto('surveys')
    .values({
      id: survey.id,
      version: survey.version,
      definition: JSON.stringify(survey),
      hash: 'bench',
      published_at: new Date().toISOString(),
      published_by: null,
    })
    .execute()
  await first.db
    .insertInto('users')
    .values({
      id: sender.id,
      username: sender.username,
      password_hash: 'x',
      role: 'admin',
      all_units: 1,
      disabled_at: null,
      created_at: new Date().toISOString(),
      last_login_at: null,
    })
    .execute()
  const others = await Promise.all(Array.from({ length: servers - 1 }, () => openStorage(url)))
  return { url, storages: [first, ...others] }
}

export async function closeAll(storages: Storage[]): Promise<void> {
  for (const s of storages) await s.close()
}

/** Sends `items` through one server's response store, a transaction of 5 sync batches at a time. */
export async function ingest(storage: Storage, items: ValidResponse[]): Promise<void> {
  const store = responseStore(storage)
  const per = BATCH * BATCHES_PER_TRANSACTION
  for (let i = 0; i < items.length; i += per) {
    const batches: CheckedBatch[] = []
    for (let j = i; j < Math.min(i + per, items.length); j += BATCH)
      batches.push({
        receivedAt: new Date().toISOString(),
        sender,
        locale: 'vi',
        items: items.slice(j, Math.min(j + BATCH, i + per)).map((item) => ({ kind: 'valid' as const, ...item })),
      })
    const results = await store.storeBatches(batches)
    if (results.flat().some((r) => r.status !== 'stored')) throw new Error('a bench response was not stored')
  }
}

/**
 * One response a transaction, as an official's unit submission arrives, by `lanes` clients at
 * once (each sends its next when its last is stored).
 */
export async function ingestOneByOne(storage: Storage, items: ValidResponse[], lanes: number): Promise<void> {
  const store = responseStore(storage)
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      for (let i = lane; i < items.length; i += lanes) {
        const [results] = await store.storeBatches([
          { receivedAt: new Date().toISOString(), sender, locale: 'vi', items: [{ kind: 'valid' as const, ...items[i]! }] },
        ])
        if (results?.[0]?.status !== 'stored') throw new Error('a bench response was not stored')
      }
    }),
  )
}

/** The ceiling: the same rows, plain multi-row INSERTs, one transaction each. */
export async function plainInserts(storage: Storage, items: ValidResponse[]): Promise<void> {
  const receivedAt = new Date().toISOString()
  for (let i = 0; i < items.length; i += CEILING_ROWS)
    await storage.db
      .insertInto('responses')
      .values(
        items.slice(i, i + CEILING_ROWS).map((item) => responseRow(item, receivedAt, sender.id)),
      )
      .execute()
}

const COPY_COLUMNS = 'id, survey_id, survey_version, unit_id, group_id, location_id, channel, body, hash, received_at, received_by'
const csvField = (value: string | number | null): string =>
  value === null ? '' : typeof value === 'number' ? String(value) : `"${value.replaceAll('"', '""')}"`

/** A stored response as it goes into `COPY`: the response, its canonical body and its hash. */
export type StoredRow = { response: Response; body: string; hash: string }

/** Stored rows of generated responses, each body and hash as the server stores them (no zod). */
export function* storedRows(items: Iterable<Response>): Generator<StoredRow> {
  for (const response of items) yield { response, ...stored(response) }
}

/**
 * Rows loaded by PostgreSQL's own bulk path, one `COPY … FROM STDIN` (CSV) through Debian's
 * `psql`, the client the package ships (no driver of ours in between). The rows are streamed:
 * written as they are made, waiting whenever `psql` has not taken the last ones yet, so a
 * million bodies are never held at once. Resolves with the number of rows sent.
 */
export function copyRows(url: string, rows: Iterable<StoredRow>): Promise<number> {
  const receivedAt = new Date().toISOString()
  const line = ({ response, body, hash }: StoredRow): string =>
    [response.id, response.surveyId, response.surveyVersion, response.unitId, response.groupId, response.locationId ?? null, response.channel, body, hash, receivedAt, sender.id]
      .map(csvField)
      .join(',')
  return new Promise((resolve, reject) => {
    const psql = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', `COPY responses (${COPY_COLUMNS}) FROM STDIN WITH (FORMAT csv)`], {
      stdio: ['pipe', 'ignore', 'pipe'],
    })
    let stderr = ''
    let sent = 0
    psql.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    psql.on('error', reject)
    psql.on('close', (code) => (code === 0 ? resolve(sent) : reject(new Error(`psql COPY failed (${code}): ${stderr}`))))
    psql.stdin.on('error', reject)
    const iterator = rows[Symbol.iterator]()
    const pump = (): void => {
      for (;;) {
        const lines: string[] = []
        let next = iterator.next()
        while (!next.done) {
          lines.push(line(next.value))
          if (lines.length === 1_000) break
          next = iterator.next()
        }
        sent += lines.length
        const more = lines.length === 0 || psql.stdin.write(`${lines.join('\n')}\n`)
        if (next.done) {
          psql.stdin.end()
          return
        }
        if (!more) {
          psql.stdin.once('drain', pump)
          return
        }
      }
    }
    pump()
  })
}

/** Runs SQL commands through `psql`, each on its own (what the bench does outside the app: VACUUM, a reset). */
export function psql(url: string, ...commands: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, ...commands.flatMap((c) => ['-c', c])], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`psql failed (${code}): ${stderr}`))))
  })
}
