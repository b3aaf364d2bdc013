import { makeSurvey } from '@parsurvey/shared/testing'
import fc from 'fast-check'
import { createHash } from 'node:crypto'
import { makeResponse, type TestApp } from '../../server/src/testing/harness.ts'
import { anyJson, body, contentType, jsonText, mutated, segment, toJson, type Json } from './fuzz-payloads.ts'

/**
 * Property-based fuzzing of every public endpoint, in process (`app.request`) for speed. For
 * every generated request: no 5xx; an error status carries `{error:{code,message}}` with a
 * kebab-case code and a message free of stack traces and SQL; and a refused request (4xx, or a
 * sync batch whose items were all rejected) leaves every table exactly as it was.
 */
type Caller = 'anonymous' | 'admin' | 'analyst' | 'supervisor' | 'surveyor'
export type FuzzRequest = { method: string; path: string; body?: string | Uint8Array; contentType?: string }
type Target = { name: string; as: Caller; request: fc.Arbitrary<FuzzRequest> }

const S = 'surveyId=test-2025-district&version=1'
const EXISTING_USERS = new Set(['admin', 'analyst', 'supervisor', 'surveyor'])

const withBody = (method: string, path: string, doc: fc.Arbitrary<Json>): fc.Arbitrary<FuzzRequest> =>
  fc.record({ method: fc.constant(method), path: fc.constant(path), body: body(doc), contentType })

const responseDoc = (): fc.Arbitrary<Json> => {
  const valid = makeResponse() as unknown as Record<string, unknown>
  const mismatchedVersion = fc.constantFrom<Json>(2, 0, -1, '1', 1.5, null, 999999).map((surveyVersion) => ({
    entries: Object.entries({ ...makeResponse() }).map(([k, v]): [string, Json] => [
      k,
      k === 'surveyVersion' ? surveyVersion : toJson(v),
    ]),
  }))
  return fc.oneof(mutated(valid), mismatchedVersion)
}

const syncDoc: fc.Arbitrary<Json> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .array(responseDoc(), { minLength: 1, maxLength: 5 })
      .map((items): Json => ({ entries: [['responses', items]] })),
  },
  { weight: 1, arbitrary: mutated({ responses: [] }) },
)

const csvText = fc
  .tuple(
    fc.array(
      fc.array(
        fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.constantFrom('huyen-a', 'unitId', 'points', '=1+1', '12,5', '"', '\r\n'),
        ),
        { maxLength: 6 },
      ),
      { maxLength: 8 },
    ),
    fc.constantFrom(',', ';', '\t'),
  )
  .map(([rows, separator]) => rows.map((r) => r.join(separator)).join('\n'))

const selfAssessmentRequest = (path: string): fc.Arbitrary<FuzzRequest> =>
  fc.record({
    method: fc.constant('POST'),
    path: fc.constant(path),
    body: fc.oneof(
      csvText,
      fc.uint8Array({ maxLength: 400 }),
      fc.uint8Array({ maxLength: 200 }).map((b) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...b])),
    ),
    contentType: fc.constantFrom(
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/octet-stream',
      '',
    ),
  })

const otherUser = segment.filter((s) => !EXISTING_USERS.has(decodeURIComponent(s)))

const getWithQuery = (path: string): fc.Arbitrary<FuzzRequest> =>
  fc
    .array(
      fc.tuple(fc.constantFrom('surveyId', 'version', 'unitId', 'cursor', 'limit', 'before', 'dryRun', 'x'), segment),
      { maxLength: 4 },
    )
    .map((pairs) => ({ method: 'GET', path: `${path}?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` }))

export function fuzzTargets(): Target[] {
  const survey = makeSurvey() as unknown as Record<string, unknown>
  return [
    {
      name: 'POST /api/session',
      as: 'anonymous',
      request: withBody('POST', '/api/session', mutated({ username: 'surveyor', password: 'x' })),
    },
    { name: 'POST /api/sync', as: 'surveyor', request: withBody('POST', '/api/sync', syncDoc) },
    {
      name: 'GET /api/respond/:code',
      as: 'anonymous',
      request: segment.map((code) => ({ method: 'GET', path: `/api/respond/${code}` })),
    },
    {
      name: 'POST /api/respond/:code',
      as: 'anonymous',
      request: fc
        .tuple(segment, body(responseDoc()), contentType)
        .map(([code, b, ct]) => ({ method: 'POST', path: `/api/respond/${code}`, body: b, contentType: ct })),
    },
    {
      name: 'POST /api/surveys (upload)',
      as: 'admin',
      request: fc.record({
        method: fc.constant('POST'),
        path: fc.constantFrom('/api/surveys?dryRun=1', '/api/surveys?dryRun=1', '/api/surveys'),
        body: fc.oneof(
          mutated(survey).map(jsonText),
          fc.string({ unit: 'binary', maxLength: 300 }),
          anyJson.map(jsonText),
        ),
        contentType: fc.constantFrom('application/json', 'application/yaml', 'text/yaml', 'text/plain', ''),
      }),
    },
    {
      name: 'POST /api/self-assessment/preview',
      as: 'analyst',
      request: selfAssessmentRequest(`/api/self-assessment/preview?${S}`),
    },
    {
      name: 'POST /api/self-assessment/apply',
      as: 'analyst',
      request: selfAssessmentRequest(`/api/self-assessment/apply?${S}`),
    },
    {
      name: 'POST /api/users',
      as: 'admin',
      request: withBody('POST', '/api/users', mutated({ username: 'new-user', role: 'surveyor', units: ['huyen-a'] })),
    },
    {
      name: 'PATCH /api/users/:username',
      as: 'admin',
      request: fc
        .tuple(otherUser, body(mutated({ role: 'supervisor', units: ['huyen-a'], displayName: 'x' })))
        .map(([u, b]) => ({ method: 'PATCH', path: `/api/users/${u}`, body: b, contentType: 'application/json' })),
    },
    {
      name: 'POST /api/users/:username/password',
      as: 'admin',
      request: fc.tuple(otherUser, body(mutated({ password: 'a long enough password' }))).map(([u, b]) => ({
        method: 'POST',
        path: `/api/users/${u}/password`,
        body: b,
        contentType: 'application/json',
      })),
    },
    {
      name: 'POST /api/codes/batches',
      as: 'analyst',
      request: withBody(
        'POST',
        '/api/codes/batches',
        mutated({ surveyId: 'test-2025-district', version: 1, unitId: 'huyen-a', groupId: 'leader', count: 2 }),
      ),
    },
    {
      name: 'POST /api/review/responses/:id/void|restore',
      as: 'supervisor',
      request: fc
        .tuple(segment, fc.constantFrom('void', 'restore'), body(mutated({ reason: 'x' })))
        .map(([id, action, b]) => ({
          method: 'POST',
          path: `/api/review/responses/${id}/${action}`,
          body: b,
          contentType: 'application/json',
        })),
    },
    {
      name: 'POST /api/review/conflicts/:seq/resolve',
      as: 'admin',
      request: fc
        .tuple(fc.oneof(segment, fc.nat().map(String)), body(mutated({ action: 'keep-original', reason: 'x' })))
        .map(([seq, b]) => ({
          method: 'POST',
          path: `/api/review/conflicts/${seq}/resolve`,
          body: b,
          contentType: 'application/json',
        })),
    },
    {
      name: 'GET with hostile queries',
      as: 'admin',
      request: fc
        .constantFrom(
          '/api/progress',
          '/api/scores',
          '/api/scores/previous-year',
          '/api/review/responses',
          '/api/review/conflicts',
          '/api/audit',
          '/api/codes/batches',
          '/api/self-assessment',
          '/api/exports/scores.csv',
          '/api/exports/matrix.xlsx',
        )
        .chain(getWithQuery),
    },
    {
      name: 'GET hostile paths',
      as: 'admin',
      request: fc
        .tuple(
          fc.constantFrom('/api/surveys/', '/api/codes/batches/', '/api/exports/', '/api/'),
          segment,
          fc.constantFrom('', '/versions/1', '/slips', '.csv'),
        )
        .map(([a, b, c]) => ({ method: 'GET', path: `${a}${b}${c}` })),
    },
  ]
}

/** A digest of every row of every table: equal digests, unchanged database. */
export function databaseDigest(t: TestApp): string {
  // Responses stored earlier are folded into the aggregates on a timer: fold them now, so that a
  // fold landing between two digests is not mistaken for a change made by the request between.
  t.services.folding.flush()
  const hash = createHash('sha256')
  const tables = t.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[]
  for (const table of tables) {
    hash.update(table)
    // Table names come from sqlite_master itself, not from input.
    for (const row of t.db.prepare(`SELECT * FROM "${table}"`).raw().iterate()) hash.update(JSON.stringify(row))
  }
  return hash.digest('hex')
}

const STACK_OR_SQL =
  /\bat .+:\d+:\d+|SQLITE_|\bSELECT\b.+\bFROM\b|\bINSERT INTO\b|TypeError|ReferenceError|node_modules/

export type FuzzStats = { payloads: number; statuses: Record<string, number>; failures: string[] }

/** Checks one answer; returns why it is wrong, or undefined. */
async function verdict(res: Response, refusedUnchanged: () => boolean): Promise<string | undefined> {
  const text = await res.text()
  if (res.status >= 500) return `status ${res.status}: ${text.slice(0, 300)}`
  if (res.status >= 400) {
    let error: { code?: unknown; message?: unknown } | undefined
    try {
      error = (JSON.parse(text) as { error?: typeof error }).error
    } catch {
      return `error body is not JSON: ${text.slice(0, 200)}`
    }
    if (typeof error?.code !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(error.code))
      return `bad error code in ${text.slice(0, 200)}`
    if (typeof error.message !== 'string' || error.message.trim() === '')
      return `empty error message in ${text.slice(0, 200)}`
    if (STACK_OR_SQL.test(text)) return `internals leaked: ${text.slice(0, 300)}`
    if (!refusedUnchanged()) return `refused with ${res.status} ${error.code} but the database changed`
    return undefined
  }
  const json = /^\s*[[{]/.test(text)
    ? (JSON.parse(text) as { results?: { status: string; error?: { code?: string; message?: string } }[] })
    : undefined
  const results = json?.results
  if (results) {
    for (const r of results)
      if (r.status === 'rejected' && (!r.error?.code || !r.error.message))
        return `rejected receipt without a clear error: ${JSON.stringify(r)}`
    if (results.length > 0 && results.every((r) => r.status === 'rejected') && !refusedUnchanged())
      return 'every item rejected but the database changed'
  }
  return undefined
}

/** Runs `runsPerTarget` generated requests against each target; failures are collected, not thrown. */
export async function fuzzEndpoints(t: TestApp, options: { runsPerTarget: number; seed: number }): Promise<FuzzStats> {
  const stats: FuzzStats = { payloads: 0, statuses: {}, failures: [] }
  const cookies = new Map<Caller, string>()
  for (const role of ['admin', 'analyst', 'supervisor', 'surveyor'] as const) cookies.set(role, await t.login(role))
  for (const target of fuzzTargets()) {
    const property = fc.asyncProperty(target.request, async (req) => {
      const before = databaseDigest(t)
      const headers: Record<string, string> = { origin: 'http://localhost', 'accept-language': 'en' }
      if (req.contentType) headers['content-type'] = req.contentType
      const cookie = cookies.get(target.as)
      if (cookie) headers.cookie = cookie
      const res = await t.app.request(req.path, {
        method: req.method,
        headers,
        body: (req.body ?? null) as BodyInit | null,
      })
      stats.payloads++
      const bucket = `${Math.floor(res.status / 100)}xx`
      stats.statuses[bucket] = (stats.statuses[bucket] ?? 0) + 1
      const wrong = await verdict(res, () => databaseDigest(t) === before)
      if (wrong) throw new Error(`${target.name} ${req.method} ${req.path.slice(0, 120)}: ${wrong}`)
    })
    const run = await fc.check(property, { numRuns: options.runsPerTarget, seed: options.seed, endOnFailure: true })
    if (run.failed)
      stats.failures.push(
        `${String(run.errorInstance).slice(0, 1500)}\n  (${fc.defaultReportMessage(run)?.slice(0, 1500)})`,
      )
  }
  return stats
}
