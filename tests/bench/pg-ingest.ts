/**
 * The ingest half of `pnpm bench` (tests/bench/postgres.ts): the same responses stored
 * through the response store on one app server and on two (two pools, half each), beside the
 * two ceilings for the same rows (multi-row INSERTs of 500, one `COPY` through `psql`), then
 * the fold of what the two servers stored, by both at once; and 2,000 of them one response a
 * transaction by 8 clients at once, as officials' unit submissions arrive, through one app
 * server, then 2,000 more through two (8 clients each).
 */
import { aggregateStore } from '../../server/src/storage/aggregate-store.ts'
import { prepareResponse } from '../../server/src/sync/ingest.ts'
import { responses } from './data.ts'
import { measure, pairedRatios, repeat, timed } from './harness.ts'
import { closeAll, copyRows, freshDatabase, ingest, ingestOneByOne, plainInserts, type Figures } from './pg-load.ts'

/** Clients storing one response a transaction at once (officials submitting units). */
const LANES = 8

export const ingestFigures: Figures = async ({ adminUrl, survey, count, runs, log }) => {
  const items = [...responses(survey, count, 'pg-bench')].map((r) => prepareResponse(survey, r))
  // One response a transaction: as many through one app server, then through two at once.
  const singles = Math.min(count / 2, 2_000)
  const samples = await repeat(runs, async (run) => {
    const one = await freshDatabase(adminUrl, survey)
    const ceilingDb = await freshDatabase(adminUrl, survey)
    const copyDb = await freshDatabase(adminUrl, survey)
    const two = await freshDatabase(adminUrl, survey, 2)
    const singleDb = await freshDatabase(adminUrl, survey, 2)
    try {
      // Alternate which goes first, so a warmer server does not always favour the same one.
      const store = async () => (await timed(() => ingest(one.storages[0]!, items))).ms
      const ceiling = async () => (await timed(() => plainInserts(ceilingDb.storages[0]!, items))).ms
      let storeMs: number
      let ceilingMs: number
      if (run % 2 === 0) {
        storeMs = await store()
        ceilingMs = await ceiling()
      } else {
        ceilingMs = await ceiling()
        storeMs = await store()
      }
      const copy = await timed(() => copyRows(copyDb.url, items))
      const copied = await copyDb.storages[0]!.db
        .selectFrom('responses')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      if (copy.value !== count || Number(copied.n) !== count) throw new Error(`COPY stored ${copied.n} responses, expected ${count}`)
      const [a, b] = two.storages
      const half = Math.ceil(items.length / 2)
      const twoMs = (await timed(() => Promise.all([ingest(a!, items.slice(0, half)), ingest(b!, items.slice(half))]))).ms
      // Two servers folding what both stored: one takes the lock, the other finds the work done.
      const twoFold = await timed(() => Promise.all(two.storages.map((s) => aggregateStore(s).fold())))
      const folded = twoFold.value.reduce((sum, r) => sum + r.responses, 0)
      if (folded !== count) throw new Error(`two servers folded ${folded} responses, expected ${count}`)
      const [c, d] = singleDb.storages
      const single = await timed(() => ingestOneByOne(c!, items.slice(0, singles), LANES))
      const rest = items.slice(singles, 2 * singles)
      const singleTwo = await timed(() =>
        Promise.all([ingestOneByOne(c!, rest.slice(0, singles / 2), LANES), ingestOneByOne(d!, rest.slice(singles / 2), LANES)]),
      )
      log(
        `ingest run ${run + 1}: store ${Math.round(storeMs)} ms, INSERT ceiling ${Math.round(ceilingMs)} ms, COPY ${Math.round(copy.ms)} ms, two servers ${Math.round(twoMs)} ms, their fold ${Math.round(twoFold.ms)} ms; ${singles} one a transaction ${Math.round(single.ms)} ms, through two servers ${Math.round(singleTwo.ms)} ms`,
      )
      return { storeMs, ceilingMs, copyMs: copy.ms, twoMs, twoFoldMs: twoFold.ms, singleMs: single.ms, singleTwoMs: singleTwo.ms }
    } finally {
      await closeAll([...one.storages, ...ceilingDb.storages, ...copyDb.storages, ...two.storages, ...singleDb.storages])
    }
  })
  const rate = (ms: number) => count / (ms / 1000)
  const pick = (k: keyof (typeof samples)[number]) => samples.map((s) => s[k])
  const n = count.toLocaleString('en-US')
  return [
    measure(`ingest of ${n}, response store, 1 app server`, 'responses/s', pick('storeMs').map(rate)),
    measure('ceiling: plain INSERT of 500 rows a transaction', 'responses/s', pick('ceilingMs').map(rate)),
    measure('response store / INSERT ceiling', '×', pairedRatios(pick('storeMs').map(rate), pick('ceilingMs').map(rate))),
    measure('ceiling: one COPY of all rows (psql)', 'responses/s', pick('copyMs').map(rate)),
    measure('response store / COPY', '×', pairedRatios(pick('storeMs').map(rate), pick('copyMs').map(rate))),
    measure('ingest, response store, 2 app servers (half each)', 'responses/s', pick('twoMs').map(rate)),
    measure('2 servers / 1 server', '×', pairedRatios(pick('twoMs').map(rate), pick('storeMs').map(rate))),
    measure('2 servers / COPY', '×', pairedRatios(pick('twoMs').map(rate), pick('copyMs').map(rate))),
    measure(`fold of ${n} by 2 servers at once`, 's', pick('twoFoldMs').map((ms) => ms / 1000)),
    measure(`one response a transaction, ${LANES} clients at once, 1 app server`, 'responses/s', pick('singleMs').map((ms) => singles / (ms / 1000))),
    measure(`one response a transaction, ${LANES} clients on each of 2 app servers`, 'responses/s', pick('singleTwoMs').map((ms) => singles / (ms / 1000))),
    measure('one a transaction: 2 servers / 1 server', '×', pairedRatios(pick('singleMs'), pick('singleTwoMs'))),
  ]
}
