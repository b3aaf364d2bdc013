import { openDatabase, createServices } from '@parsurvey/server'
import { generateResponses, parseSurveyText, type Response } from '@parsurvey/shared'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { rebuildAllAggregates } from '../../server/src/aggregates/rebuild.ts'
import { aggregatesSnapshot } from '../support/aggregates-snapshot.ts'
import { logIn, sendBatch } from '../support/api-client.ts'
import { repoRoot, startServer, type ServerProcess } from '../support/server-process.ts'

const KILLS = 5
const CLIENTS = 3
const BATCH = 100

let server: ServerProcess | undefined
afterAll(async () => server?.stop('SIGKILL'))

const survey = (() => {
  const parsed = parseSurveyText(fs.readFileSync(path.join(repoRoot, 'surveys/par-2025-department.yaml'), 'utf8'), 'par-2025-department.yaml')
  if (!parsed.ok) throw new Error('demo survey is invalid')
  return parsed.survey
})()

describe('a server killed with SIGKILL in the middle of sync batches', () => {
  it(`loses no acknowledged response and stores none twice over ${KILLS} kills`, async () => {
    server = await startServer()
    const { dataDir } = server
    const password = server.logins.get('surveyor')!
    const all: Response[] = [...generateResponses(survey, 3000, 'crash')]
    const acknowledged = new Set<string>()
    const pending = new Set(all.map((r) => r.id))
    const byId = new Map(all.map((r) => [r.id, r]))

    /** Each client sends batches of what is not yet acknowledged until the server dies or all are sent. */
    async function client(index: number, url: string, cookie: string) {
      const mine = all.filter((_, i) => i % CLIENTS === index).map((r) => r.id)
      for (let i = 0; i < mine.length; i += BATCH) {
        const batch = mine.slice(i, i + BATCH).filter((id) => pending.has(id)).map((id) => byId.get(id)!)
        if (batch.length === 0) continue
        let reply
        try {
          reply = await sendBatch(url, cookie, batch)
        } catch {
          return // connection refused or reset: the server is down
        }
        for (const result of reply.results) {
          expect(['stored', 'duplicate']).toContain(result.status)
          acknowledged.add(result.id)
          pending.delete(result.id)
        }
      }
    }

    for (let round = 0; round <= KILLS && pending.size > 0; round++) {
      if (round > 0) server = await startServer({ dataDir })
      const cookie = await logIn(server.url, 'surveyor', password)
      const senders = Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i, server!.url, cookie)))
      if (round < KILLS) {
        // Kill at a random moment while batches are in flight.
        await new Promise((r) => setTimeout(r, 150 + Math.random() * 600))
        await server.stop('SIGKILL')
      }
      await senders
    }
    // After the last restart everything left is sent, and a replay of everything is harmless.
    const cookie = await logIn(server.url, 'surveyor', password)
    for (let i = 0; i < all.length; i += BATCH) {
      for (const result of (await sendBatch(server.url, cookie, all.slice(i, i + BATCH))).results) {
        expect(['stored', 'duplicate']).toContain(result.status)
      }
    }
    await server.stop()

    const db = openDatabase(path.join(dataDir, 'parsurvey.db'))
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      const stored = db.prepare('SELECT id FROM responses').pluck().all() as string[]
      expect(stored.length).toBe(all.length)
      expect(new Set(stored).size).toBe(stored.length)
      for (const id of acknowledged) expect(stored).toContain(id)
      const tallied = db.prepare('SELECT SUM(responses) FROM agg_tallies').pluck().get()
      expect(tallied).toBe(all.length)
      const live = aggregatesSnapshot(db)
      rebuildAllAggregates(createServices(db))
      expect(aggregatesSnapshot(db)).toEqual(live)
    } finally {
      db.close()
    }
  }, 240_000)
})
