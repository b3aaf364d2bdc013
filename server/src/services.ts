import type { DB } from './db/connection.ts'
import { sessionsRepository } from './db/sessions.ts'
import { surveysRepository } from './db/surveys.ts'
import { surveyRoundsRepository } from './db/survey-rounds.ts'
import { usersRepository } from './db/users.ts'
import { responsesRepository } from './db/responses.ts'
import { aggregatesRepository } from './db/aggregates.ts'
import { auditRepository } from './db/audit.ts'
import { accessCodesRepository } from './db/access-codes.ts'
import { respondentsRepository } from './db/respondents.ts'
import { sittingDraftsRepository } from './db/sitting-drafts.ts'
import { invitationsRepository } from './db/invitations.ts'
import { codeCipherFor } from './codes/code-cipher.ts'
import { createLookupLimiter } from './codes/lookup-limiter.ts'
import { selfAssessmentsRepository } from './db/self-assessments.ts'
import { adjustmentsRepository } from './db/adjustments.ts'
import { reviewRepository } from './db/review.ts'
import { paperFormsRepository } from './db/paper-forms.ts'
import { createLoginLimiter } from './auth/rate-limit.ts'
import { createHashQueue } from './auth/hash-queue.ts'
import { progressCountsRepository } from './db/progress-counts.ts'
import { writeGeneration } from './db/write-generation.ts'
import { scoresCache } from './analysis/scores-cache.ts'
import { aggregateWatermarkRepository } from './db/aggregate-watermark.ts'
import { aggregateFolding } from './aggregates/folding.ts'
import { commitQueue, type CommitQueue } from './sync/commit-queue.ts'
import { createLogger, type Logger } from './http/logger.ts'

type AggregateKey = { surveyId: string; surveyVersion: number }

/** Everything a request handler may use, built once per database; `log` gets background failures (silent by default). */
export function createServices(db: DB, options: { log?: Logger } = {}) {
  /** Changes with every write to score inputs, here or by another connection (db/write-generation.ts). */
  const scoreInputs = writeGeneration(db)
  const surveys = surveysRepository(db)
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
    users: usersRepository(db),
    sessions: sessionsRepository(db),
    surveys,
    /** Survey rounds set in the app, overriding the files' defaults (survey/round.ts). */
    rounds: surveyRoundsRepository(db),
    responses: responsesRepository(db),
    /** The aggregate tables; every read folds the responses stored since the last fold first. */
    aggregates: {
      ...aggregateTables,
      read: (key: AggregateKey) => (folding.flush(), aggregateTables.read(key)),
      readTallies: (key: AggregateKey) => (folding.flush(), aggregateTables.readTallies(key)),
      responses: (key: AggregateKey) => (folding.flush(), aggregateTables.responses(key)),
    },
    /** Folds stored responses into the aggregates in bulk (aggregates/folding.ts). */
    folding,
    audit: auditRepository(db),
    accessCodes: accessCodesRepository(db),
    /** The respondent registers: named people, their units, personal codes (register/README.md). */
    respondents: respondentsRepository(db),
    sittingDrafts: sittingDraftsRepository(db),
    /** Invitations and reminders sent to the register, and their texts (migration 055). */
    invitations: invitationsRepository(db),
    /** Seals access codes for reprinting, with a key file beside the database (codes/code-cipher.ts). */
    codeCipher: codeCipherFor(db),
    /** Failed access-code lookups per IP, in memory (see codes/lookup-limiter.ts for why). */
    codeLookups: createLookupLimiter(),
    selfAssessments: selfAssessmentsRepository(db, scoreInputs),
    /** Bonus and penalty points per survey version (migration 070). */
    adjustments: adjustmentsRepository(db, scoreInputs),
    review: reviewRepository(db),
    /** Double entry of paper forms: the setting, the forms and their keyings (migration 080). */
    paperForms: paperFormsRepository(db),
    /** Failed log-in counts, in memory (see auth/rate-limit.ts for why that is enough). */
    loginLimiter: createLoginLimiter(),
    /** Password verifications, bounded and fair across client addresses (auth/hash-queue.ts). */
    passwordChecks: createHashQueue(),
    /** Responses per unit × sending account × day, for the progress views (migration 005). */
    progressCounts: {
      ...progressTables,
      bySurveyor: (key: AggregateKey) => (folding.flush(), progressTables.bySurveyor(key)),
      byDay: (key: AggregateKey) => (folding.flush(), progressTables.byDay(key)),
      rebuild: (key: AggregateKey) => (folding.flush(), progressTables.rebuild(key)),
    },
    /** Official scores per survey version, recomputed only after score inputs change. */
    scoresCache: scoresCache(scoreInputs),
  }
  /** Sync batches that arrive together are committed together (sync/commit-queue.ts). */
  const syncCommits: CommitQueue = commitQueue(services)
  return { ...services, syncCommits }
}
export type Services = ReturnType<typeof createServices>
