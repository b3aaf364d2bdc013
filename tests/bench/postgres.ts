/**
 * `pnpm bench`: the storage boundary on PostgreSQL (issue 19 part 2), beside a PostgreSQL
 * ceiling measured in the same run, after SQLite's benches (`--sqlite` leaves it out). It starts
 * the throwaway PostgreSQL the tests use (Debian's `postgresql` package, or
 * PARSURVEY_TEST_PG_URL). Figures and ratios only; nothing here is a target yet. Two halves:
 *
 * - ingest (pg-ingest.ts), 50,000 responses (10,000 quick): through `responseStore` (sync
 *   batches of 100, 5 per transaction as a group commit gives them) on one app server and on two
 *   (two pools, each sending half), beside the ceilings for the same rows (plain multi-row
 *   INSERTs of 500, one transaction each; one `COPY … FROM STDIN` through `psql`), and the fold
 *   of what two servers stored, by both at once;
 * - a million (pg-million.ts), 1,000,000 responses (100,000 quick) loaded by `COPY`: the fold of
 *   all of them, the rebuild of a version never reviewed and of a reviewed one, and the reads of
 *   `/api/scores` (first, computed; cached) and of progress as the routes make them.
 */
import { startTestPostgres } from '../../server/src/testing/postgres.ts'
import { benchSurvey } from './data.ts'
import type { Bench } from './harness.ts'
import { ingestFigures } from './pg-ingest.ts'
import { closeAll, freshDatabase } from './pg-load.ts'
import { millionFigures } from './pg-million.ts'

export const postgresBench: Bench = {
  name: 'postgres',
  title: 'storage boundary on PostgreSQL: ingest vs INSERT and COPY ceilings, two app servers; fold, rebuild, scores at 1M',
  async run({ quick, runs, log }) {
    const survey = benchSurvey()
    const ingestCount = quick ? 10_000 : 50_000
    const millionCount = quick ? 100_000 : 1_000_000
    const server = await startTestPostgres()
    try {
      const probe = await freshDatabase(server.adminUrl, survey)
      const { v } = await probe.storages[0]!.db.selectNoFrom((eb) => eb.fn<string>('version').as('v')).executeTakeFirstOrThrow()
      await closeAll(probe.storages)
      log(`${v.split(' on ')[0]}, responses of ${survey.questions.length} questions to ${survey.units.length} units`)
      const ingestRuns = Math.min(runs, quick ? 2 : 3)
      const millionRuns = Math.min(runs, 2)
      const measures = [
        ...(await ingestFigures({ adminUrl: server.adminUrl, survey, count: ingestCount, runs: ingestRuns, log })),
        ...(await millionFigures({ adminUrl: server.adminUrl, survey, count: millionCount, runs: millionRuns, log })),
      ]
      return {
        measures,
        checks: [],
        notes: [
          `ingest: ${ingestCount.toLocaleString('en-US')} responses, ${ingestRuns} run(s); ${millionCount.toLocaleString('en-US')} responses loaded by COPY, then ${millionRuns} fold(s) and ${millionRuns} rebuild(s) of each kind, 50 cached scores and progress reads after each; PostgreSQL started by the bench (server/src/testing/postgres.ts) unless PARSURVEY_TEST_PG_URL names one`,
        ],
      }
    } finally {
      server.stop()
    }
  },
}
