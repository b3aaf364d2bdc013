import { accessCodesRepository, type AccessCodesRepository } from '../db/access-codes.ts'
import { asyncPort, type Async, type Backend } from '../storage/backend.ts'
import { accessCodeStore } from '../storage/access-code-store.ts'
import { codeResponseStore } from '../storage/code-response-store.ts'
import { lookupLimiterOn } from '../storage/rate-limit-store.ts'
import type { StoreServices } from '../sync/ingest.ts'
import { codeCipherFor, sharedCodeCipher, type CodeCipher } from './code-cipher.ts'
import { codeResponsesRepository, type CodeResponses } from './code-responses.ts'
import { createLookupLimiter, type LookupAttempt, type LookupLimiter } from './lookup-limiter.ts'

/**
 * The access-code lookup limit as the routes use it: reserve a lookup before the code is looked
 * up, take it back once the code is found.
 */
export type LookupLimiterPort = { reserve(ip: string): Promise<LookupAttempt<Promise<void>>> }

/** The in-memory lookup limiter behind the port; `now` is the clock it reads (tests move it). */
export function inMemoryLookupLimits(limiter: LookupLimiter, now = () => Date.now()): LookupLimiterPort {
  return {
    async reserve(ip) {
      const attempt = limiter.reserve(ip, now())
      if (!attempt.ok) return attempt
      return { ok: true, found: async () => attempt.found() }
    },
  }
}

export type CodeServices = {
  /** Batches of one-time access codes and their use (db/access-codes.ts). */
  accessCodes: Async<AccessCodesRepository>
  /** A response answered with a code, stored with the code's use in one transaction. */
  codeResponses: Async<CodeResponses>
  /** Seals access codes (and personal codes) for reprinting (codes/code-cipher.ts). */
  codeCipher: CodeCipher
  /** Failed access-code lookups per IP: in memory on SQLite (one process), in the database on PostgreSQL. */
  codeLookups: LookupLimiterPort
}

/**
 * The access-code area on either engine (docs/storage.md, "ports"). On SQLite the synchronous
 * repositories behind `asyncPort` (a response is stored by `store`, the running server's
 * `storeResponse`), the key file beside the database and the in-memory lookup counts; on
 * PostgreSQL the Kysely stores, the key file every app server shares (`codeKeyFile`,
 * `ACCESS_CODE_KEY_FILE`) and the lookup counts in the database.
 */
export function codeServices(backend: Backend, options: { store?: StoreServices; codeKeyFile?: string }): CodeServices {
  if (backend.engine === 'postgres') {
    const { storage } = backend
    return {
      accessCodes: accessCodeStore(storage.db) satisfies Async<AccessCodesRepository>,
      codeResponses: codeResponseStore(storage),
      codeCipher: sharedCodeCipher(options.codeKeyFile),
      codeLookups: lookupLimiterOn(storage) satisfies LookupLimiterPort,
    }
  }
  if (!options.store) throw new Error('the SQLite access-code services store responses through the sync services')
  return {
    accessCodes: asyncPort(accessCodesRepository(backend.db)),
    codeResponses: asyncPort(codeResponsesRepository(options.store)),
    codeCipher: codeCipherFor(backend.db),
    codeLookups: inMemoryLookupLimits(createLookupLimiter()),
  }
}
