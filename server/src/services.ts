import type { DB } from './db/connection.ts'
import { sessionsRepository } from './db/sessions.ts'
import { surveysRepository } from './db/surveys.ts'
import { surveyRoundsRepository } from './db/survey-rounds.ts'
import { usersRepository } from './db/users.ts'
import { responsesRepository } from './db/responses.ts'
import { aggregatesRepository } from './db/aggregates.ts'
import { auditRepository } from './db/audit.ts'
import { codeServices, type CodeServices } from './codes/code-services.ts'
import { registerServices, type RegisterServices } from './register/register-services.ts'
import { selfAssessmentsRepository } from './db/self-assessments.ts'
import { adjustmentsRepository } from './db/adjustments.ts'
import { reviewRepository } from './db/review.ts'
import { paperFormsRepository } from './db/paper-forms.ts'
import { progressCountsRepository } from './db/progress-counts.ts'
import { writeGeneration } from './db/write-generation.ts'
import { aggregateWatermarkRepository } from './db/aggregate-watermark.ts'
import { aggregateFolding } from './aggregates/folding.ts'
import { backgroundFolds, NO_BACKGROUND_FOLDS, type BackgroundFolds } from './aggregates/background-folds.ts'
import { createLogger, type Logger } from './http/logger.ts'
import { portedServices, type PortedServices } from './ported-services.ts'
import type { Backend } from './storage/backend.ts'
import { postgresReviewPorts, sqliteReviewPorts, type ReviewPorts } from './review/review-ports.ts'
import { postgresPaperFormPorts, sqlitePaperFormPorts, type PaperFormPorts } from './paper/paper-form-ports.ts'
import { sqliteSyncServices, syncServicesOn, type SyncServices } from './sync-services.ts'
import { scoreServicesOn, sqliteScoreServices, type ScoreServices } from './scores-services.ts'
import {
  responseExportStore,
  sqliteResponseExports,
  type ResponseExportsPort,
} from './storage/response-export-store.ts'

type AggregateKey = { surveyId: string; surveyVersion: number }

type Options = {
  log?: Logger
  /** PostgreSQL: the access-code key file every app server shares (`ACCESS_CODE_KEY_FILE`, config.ts). */
  codeKeyFile?: string
}

/** The embedded default backend: one better-sqlite3 connection (storage/backend.ts). */
export const sqliteBackend = (db: DB): Backend => ({ engine: 'sqlite', db })

/**
 * Everything a request handler may use, built once per database; `log` gets background failures
 * (silent by default). Given a SQLite connection (`db`, as most tests do) or a `Backend`. On
 * PostgreSQL only the services on the storage boundary exist; reaching one of SQLite's own
 * (`SQLITE_ONLY`) throws, naming it.
 */
export function createServices(target: Backend | DB, options: Options = {}): Services {
  const backend = 'engine' in target ? target : sqliteBackend(target)
  const ported = portedServices(backend)
  if (backend.engine === 'sqlite') {
    const sqlite = sqliteServices(backend.db, options)
    const services = {
      ...ported,
      ...sqlite,
      ...sqliteScoreServices({ ...sqlite.sqlite, folding: sqlite.folding }),
    }
    return {
      ...services,
      ...sqliteReviewPorts(services),
      ...sqlitePaperFormPorts(services),
      ...codeServices(backend, { store: sqlite }),
      ...registerServices(backend),
      responseExports: sqliteResponseExports(backend.db),
      backgroundFolds: NO_BACKGROUND_FOLDS,
    }
  }
  const scores = scoreServicesOn(backend.storage)
  const folds = backgroundFolds(scores.aggregates.fold, options.log ?? createLogger())
  const codes = codeServices(backend, { codeKeyFile: options.codeKeyFile })
  return Object.defineProperties(
    {
      ...ported,
      ...syncServicesOn(backend.storage, { committed: folds.schedule }),
      ...scores,
      ...postgresReviewPorts(backend.storage),
      ...postgresPaperFormPorts(backend.storage),
      ...codes,
      codeResponses: foldingAfter(codes.codeResponses, folds),
      ...registerServices(backend),
      responseExports: responseExportStore(backend.storage),
      backgroundFolds: folds,
    },
    Object.fromEntries(
      Object.entries(SQLITE_ONLY).map(([member, what]) => [
        member,
        {
          get() {
            throw new Error(`services.${member} exists on SQLite only (${what}); use the ports (docs/storage.md)`)
          },
        },
      ]),
    ),
  ) as Services
}

/** The access-code responses' port, scheduling a background fold after each response it stores. */
function foldingAfter(port: CodeServices['codeResponses'], folds: BackgroundFolds): CodeServices['codeResponses'] {
  return {
    async store(prepared, use, receivedAt, locale) {
      const receipt = await port.store(prepared, use, receivedAt, locale)
      folds.schedule()
      return receipt
    },
  }
}

/**
 * The members that exist on SQLite only: the synchronous repositories and the connection that
 * SQLite's side of each area is built on (its ports and transactions, backups, the command line's
 * SQLite commands), each with what it is. Every route reaches storage through ports that exist on
 * both engines; on PostgreSQL reaching one of these throws, naming it (docs/storage.md).
 */
const SQLITE_ONLY = {
  db: "the SQLite connection: the transactions of SQLite's side of each area, and backups of the file",
  sqlite: "the synchronous repositories inside SQLite's transactions (review, paper forms, rebuilds, backups)",
  folding: "SQLite's in-memory staging of stored responses' rows; PostgreSQL folds through `aggregates`",
  review: "the review repository behind SQLite's `reviewReads`/`reviewActions`",
  paperForms: "the paper-form repository behind SQLite's `paperFormReads`/`paperFormActions`",
} satisfies Record<Exclude<keyof SqliteServices, keyof SyncServices>, string>

/** SQLite's synchronous repositories, and the ports of sync built on them. */
function sqliteServices(db: DB, options: Options) {
  /** Changes with every write to score inputs, here or by another connection (db/write-generation.ts). */
  const scoreInputs = writeGeneration(db)
  const surveys = surveysRepository(db)
  /** Survey rounds set in the app, overriding the files' defaults (survey/round.ts). */
  const rounds = surveyRoundsRepository(db)
  const aggregateTables = aggregatesRepository(db, scoreInputs)
  const progressTables = progressCountsRepository(db)
  const folding = aggregateFolding(db, {
    aggregates: aggregateTables,
    progressCounts: progressTables,
    surveys,
    watermark: aggregateWatermarkRepository(db),
    log: options.log ?? createLogger(),
  })
  const services = {
    db,
    /**
     * The synchronous repositories behind the ports `users`, `sessions`, `audit`, `surveys`,
     * `rounds`, `aggregates`, `progressCounts`, `selfAssessments` and `adjustments`, for the
     * areas still in SQLite transactions (they record audit entries and aggregate deltas inside
     * them), rebuilds, backups and seeding; `responses` stores and reads raw responses for them
     * and for sync. Their reads do not fold: `folding.flush()` first.
     */
    sqlite: {
      users: usersRepository(db),
      sessions: sessionsRepository(db),
      audit: auditRepository(db),
      surveys,
      rounds,
      responses: responsesRepository(db),
      aggregates: aggregateTables,
      progressCounts: {
        ...progressTables,
        rebuild: (key: AggregateKey) => (folding.flush(), progressTables.rebuild(key)),
      },
      selfAssessments: selfAssessmentsRepository(db, scoreInputs),
      adjustments: adjustmentsRepository(db, scoreInputs),
      /** Changes with every write to score inputs, here or by another connection (db/write-generation.ts). */
      scoreInputs,
    },
    /** Folds stored responses into the aggregates in bulk (aggregates/folding.ts). */
    folding,
    review: reviewRepository(db),
    /** Double entry of paper forms: the setting, the forms and their keyings (migration 080). */
    paperForms: paperFormsRepository(db),
  }
  /** Surveys, rounds and sync on their ports (sync-services.ts); declared, as they are built from `services`. */
  const sync: SyncServices = sqliteSyncServices(services)
  return { ...services, ...sync }
}
type SqliteServices = ReturnType<typeof sqliteServices>
/** What scores-services.ts puts behind the ports of scores and progress on SQLite. */
export type SqliteScoreRepositories = SqliteServices['sqlite'] & Pick<SqliteServices, 'folding'>
export type Services = PortedServices & {
  /** What the raw response exports read, one snapshot per download (storage/response-export-store.ts). */
  responseExports: ResponseExportsPort
  /**
   * PostgreSQL: the folds started after each commit of responses (sync, access codes);
   * `backgroundFolds.close()` at stop, before the pool closes. Nothing on SQLite (`folding`).
   */
  backgroundFolds: BackgroundFolds
} & PortedServices &
  ScoreServices &
  SqliteServices &
  ReviewPorts &
  PaperFormPorts &
  CodeServices &
  RegisterServices
