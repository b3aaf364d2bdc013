import { createHashQueue } from './auth/hash-queue.ts'
import { createLoginLimiter, type LoginAttempt, type LoginLimiter } from './auth/rate-limit.ts'
import { accountActionsRepository, type AccountActionsRepository } from './db/account-actions.ts'
import { auditRepository, type AuditRepository } from './db/audit.ts'
import { sessionsRepository, type SessionsRepository } from './db/sessions.ts'
import { usersRepository, type UsersRepository } from './db/users.ts'
import { accountActionStore } from './storage/account-action-store.ts'
import { auditStore } from './storage/audit-store.ts'
import { asyncPort, type Async, type Backend } from './storage/backend.ts'
import { loginLimiterOn } from './storage/rate-limit-store.ts'
import { postgresOperations, sqliteOperations, type OperationsPort } from './storage/operations-store.ts'
import { qualityRowStore, sqliteQualityRows, type QualityRowsPort } from './storage/quality-store.ts'
import { sessionStore } from './storage/session-store.ts'
import { userStore } from './storage/user-store.ts'

/** Reading accounts; every change to one is an account action (`accounts`), one transaction each. */
export type UsersPort = Pick<Async<UsersRepository>, 'count' | 'findById' | 'findForLogin' | 'findAccount' | 'list'>

/**
 * The log-in limits as the routes use them (auth/rate-limit.ts): reserve an attempt before its
 * password is checked, settle it after.
 */
export type LoginLimiterPort = { reserve(account: string, ip: string): Promise<LoginAttempt<Promise<void>>> }

/**
 * The in-memory log-in limiter behind the port. Its reservation still checks and counts in one
 * synchronous step; `now` is the clock it reads (tests move it).
 */
export function inMemoryLoginLimits(limiter: LoginLimiter, now = () => Date.now()): LoginLimiterPort {
  return {
    async reserve(account, ip) {
      const attempt = limiter.reserve(account, ip, now())
      if (!attempt.ok) return attempt
      return {
        ok: true,
        succeeded: async () => attempt.succeeded(),
        cancelled: async () => attempt.cancelled(),
      }
    },
  }
}

/**
 * The services that are on the storage boundary (docs/storage.md), on either engine: accounts,
 * sessions, the audit log and the log-in limits, i.e. the sign-in surface and account
 * administration. On SQLite each port is the synchronous repository behind `asyncPort` and the
 * log-in counts stay in memory; on PostgreSQL the Kysely stores and the counts in the database,
 * shared by every app server.
 */
export function portedServices(backend: Backend) {
  const ports =
    backend.engine === 'sqlite'
      ? {
          users: asyncPort(usersRepository(backend.db)) as UsersPort,
          sessions: asyncPort(sessionsRepository(backend.db)),
          audit: asyncPort(auditRepository(backend.db)),
          accounts: asyncPort(accountActionsRepository(backend.db)),
          loginLimiter: inMemoryLoginLimits(createLoginLimiter()),
          operations: sqliteOperations(backend.db),
          qualityRows: sqliteQualityRows(backend.db),
        }
      : {
          users: userStore(backend.storage.db) satisfies UsersPort,
          sessions: sessionStore(backend.storage.db) satisfies Async<SessionsRepository>,
          audit: auditStore(backend.storage.db) satisfies Async<AuditRepository>,
          accounts: accountActionStore(backend.storage) satisfies Async<AccountActionsRepository>,
          loginLimiter: loginLimiterOn(backend.storage) satisfies LoginLimiterPort,
          operations: postgresOperations(backend.storage),
          qualityRows: qualityRowStore(backend.storage),
        }
  return {
    backend,
    ...(ports as {
      users: UsersPort
      sessions: Async<SessionsRepository>
      audit: Async<AuditRepository>
      /** Account actions and the log-in's last step, each one transaction (db/account-actions.ts). */
      accounts: Async<AccountActionsRepository>
      /** Failed log-in counts: in memory on SQLite (one process), in the database on PostgreSQL. */
      loginLimiter: LoginLimiterPort
      /** Readiness, database size and fold lag for `/api/ready` and `/metrics`. */
      operations: OperationsPort
      /** The responses the data-quality review reads (quality/quality.ts). */
      qualityRows: QualityRowsPort
    }),
    /** Password verifications, bounded and fair across client addresses (auth/hash-queue.ts); per process. */
    passwordChecks: createHashQueue(),
  }
}
export type PortedServices = ReturnType<typeof portedServices>
