import { createServices, openDatabase } from '@parsurvey/server'
import { generateResponses, parseSurveyText, type Response, type Survey } from '@parsurvey/shared'
import fs from 'node:fs'
import path from 'node:path'
import { rebuildAllAggregates } from '../../server/src/aggregates/rebuild.ts'
import { aggregatesSnapshot } from './aggregates-snapshot.ts'
import { logIn } from './api-client.ts'
import { repoRoot, startServer, type ServerProcess } from './server-process.ts'

/**
 * The crash trial shared by the integration test (a few kills) and the soak (many): the real
 * server as a child process, several clients sending sync batches, SIGKILL at random moments,
 * restart on the same data folder, resend whatever was not acknowledged; then the database is
 * checked against what the clients were told.
 */
export type CrashOptions = {
  kills: number
  clients: number
  batch: number
  /** New responses made by the field teams between two kills. */
  responsesPerRound: number
  seed: string
  /** Called after each round, for progress output in the soak. */
  onRound?: (round: number, acknowledged: number) => void
}

export type CrashResult = {
  kills: number
  sent: number
  acknowledged: number
  /** Acknowledged ids missing from the database, with when they were acknowledged (must be empty). */
  lost: string[]
  /** Rows beyond one per id (must be 0). */
  duplicated: number
  /** Responses stored that no client sent (must be 0). */
  unexpected: number
  /** Answers with status ≥ 500 (must be 0: a dead server refuses connections, it does not 500). */
  serverErrors: number
  /** Receipts other than stored/duplicate (must be 0: every response is valid and unique). */
  badReceipts: string[]
  integrity: string
  aggregatesEqualRebuild: boolean
  talliedResponses: number
  storedResponses: number
}

export function demoSurvey(file = 'par-2026-department.yaml'): Survey {
  const parsed = parseSurveyText(fs.readFileSync(path.join(repoRoot, 'surveys', file), 'utf8'), file)
  if (!parsed.ok) throw new Error(`demo survey ${file} is invalid`)
  return parsed.survey
}

type Post = { status: number; results?: { id: string; status: string }[] }

async function post(url: string, cookie: string, responses: Response[]): Promise<Post> {
  const res = await fetch(`${url}/api/sync`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ responses }),
  })
  if (res.status !== 200) {
    await res.arrayBuffer().catch(() => undefined)
    return { status: res.status }
  }
  return { status: 200, results: ((await res.json()) as { results: { id: string; status: string }[] }).results }
}

export async function runCrashTrial(options: CrashOptions): Promise<CrashResult> {
  const { kills, clients, batch, responsesPerRound, seed } = options
  const survey = demoSurvey()
  const all: Response[] = [...generateResponses(survey, responsesPerRound * (kills + 1), seed)]
  const byId = new Map(all.map((r) => [r.id, r]))
  const owner = new Map(all.map((r, i) => [r.id, i % clients]))
  /** id → when and how it was first acknowledged, to explain a loss. */
  const acknowledged = new Map<string, string>()
  let round = 0
  const pending = new Set<string>()
  const badReceipts: string[] = []
  let serverErrors = 0

  let server: ServerProcess = await startServer()
  const { dataDir } = server
  const password = server.logins.get('surveyor')!

  /** One device: sends its pending responses in batches until all are acknowledged or the server dies. */
  async function device(index: number, url: string, cookie: string): Promise<void> {
    for (;;) {
      const mine = [...pending].filter((id) => owner.get(id) === index).slice(0, batch)
      if (mine.length === 0) return
      let reply: Post
      try {
        reply = await post(
          url,
          cookie,
          mine.map((id) => byId.get(id)!),
        )
      } catch {
        return // connection refused or reset: the server is down
      }
      if (reply.status >= 500) serverErrors++
      if (!reply.results) return
      for (const result of reply.results) {
        if (result.status !== 'stored' && result.status !== 'duplicate')
          badReceipts.push(`${result.id}: ${result.status}`)
        if (!acknowledged.has(result.id))
          acknowledged.set(result.id, `round ${round} ${result.status} on :${new URL(url).port}`)
        pending.delete(result.id)
      }
    }
  }

  try {
    for (round = 0; round <= kills; round++) {
      if (round > 0) server = await startServer({ dataDir })
      for (const r of all.slice(round * responsesPerRound, (round + 1) * responsesPerRound)) pending.add(r.id)
      const cookie = await logIn(server.url, 'surveyor', password)
      const devices = Promise.all(Array.from({ length: clients }, (_, i) => device(i, server.url, cookie)))
      if (round < kills) {
        // Kill at a random moment while batches are in flight.
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 500))
        await server.stop('SIGKILL')
      }
      await devices
      options.onRound?.(round, acknowledged.size)
    }
    // After the last restart a replay of everything is harmless: all duplicates.
    const cookie = await logIn(server.url, 'surveyor', password)
    for (let i = 0; i < all.length; i += batch) {
      const reply = await post(server.url, cookie, all.slice(i, i + batch))
      if (reply.status >= 500) serverErrors++
      for (const result of reply.results ?? []) {
        if (result.status !== 'duplicate') badReceipts.push(`${result.id}: replay ${result.status}`)
      }
    }
  } finally {
    await server.stop()
  }

  const db = openDatabase(path.join(dataDir, 'parsurvey.db'))
  try {
    const stored = db.prepare('SELECT id FROM responses').pluck().all() as string[]
    const storedSet = new Set(stored)
    const live = aggregatesSnapshot(db)
    rebuildAllAggregates(createServices(db))
    return {
      kills,
      sent: all.length,
      acknowledged: acknowledged.size,
      lost: [...acknowledged].filter(([id]) => !storedSet.has(id)).map(([id, how]) => `${id} (${how})`),
      duplicated: stored.length - storedSet.size,
      unexpected: stored.filter((id) => !byId.has(id)).length,
      serverErrors,
      badReceipts,
      integrity: String(db.pragma('integrity_check', { simple: true })),
      aggregatesEqualRebuild: JSON.stringify(aggregatesSnapshot(db)) === JSON.stringify(live),
      talliedResponses: Number(db.prepare('SELECT SUM(responses) FROM agg_tallies').pluck().get()),
      storedResponses: stored.length,
    }
  } finally {
    db.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
