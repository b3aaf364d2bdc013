import type { QualityReport, Response } from '@parsurvey/shared'
import { makeSurvey } from '@parsurvey/shared/testing'
import { Kysely, SqliteDialect } from 'kysely'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { hashPassword } from '../auth/password.ts'
import { openDatabase } from '../db/connection.ts'
import { createServices, type Services } from '../services.ts'
import { aggregateStore } from '../storage/aggregate-store.ts'
import { readScoringRows } from '../storage/aggregate-rows.ts'
import type { Storage } from '../storage/open-storage.ts'
import { responseStore } from '../storage/response-store.ts'
import type { StorageSchema } from '../storage/schema.ts'
import { prepareResponse } from '../sync/ingest.ts'
import { checkedBatch, responses } from '../testing/response-fixtures.ts'
import { seedStorage, storageEngines } from '../testing/storage-engines.ts'

/**
 * Supervisor review and the data-quality review through HTTP on either backend (docs/storage.md):
 * the response list, void and restore, conflicts and their settling, with the aggregates moved
 * in the same transaction. On PostgreSQL two app servers (two pools) on one database: one void
 * of a response through both at once voids it once.
 */
type Opened = { storage: Storage; one: Services; two: Services; fold(): Promise<void>; close(): Promise<void> }

const backends: { name: 'SQLite' | 'PostgreSQL'; open(): Promise<Opened> }[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-review-'))
      const db = openDatabase(path.join(dir, 'parsurvey.db'))
      const kysely = new Kysely<StorageSchema>({ dialect: new SqliteDialect({ database: db }) })
      const services = createServices(db)
      return {
        storage: { engine: 'sqlite', db: kysely, close: () => kysely.destroy() },
        one: services,
        two: services,
        fold: async () => void services.folding.flush(),
        async close() {
          services.folding.stop()
          db.close()
          fs.rmSync(dir, { recursive: true, force: true })
        },
      }
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const opened = await storageEngines.find((e) => e.name === 'PostgreSQL')!.open()
      return {
        storage: opened.storage,
        one: createServices({ engine: 'postgres', storage: opened.storage }),
        two: createServices({ engine: 'postgres', storage: await opened.other() }),
        fold: async () => void (await aggregateStore(opened.storage).fold()),
        close: opened.drop,
      }
    },
  },
]

const survey = makeSurvey()
const PASSWORD = 'mật khẩu đủ dài 2026'
const people = [
  { username: 'lan', role: 'surveyor', units: ['huyen-a', 'huyen-b'] },
  { username: 'hoa', role: 'supervisor', units: ['huyen-a'] },
  { username: 'quan-tri', role: 'admin', units: 'all' },
] as const

describe.each(backends)('review on $name', (backend) => {
  let opened: Opened
  let apps: ReturnType<typeof createApp>[]
  let cookies: Record<string, string>
  let stored: Response[]
  beforeEach(async () => {
    opened = await backend.open()
    await seedStorage(opened.storage, survey, [])
    const passwordHash = await hashPassword(PASSWORD)
    const ids: Record<string, number> = {}
    for (const p of people) {
      const user = await opened.one.accounts.create(
        {
          username: p.username,
          role: p.role,
          units: p.units === 'all' ? 'all' : [...p.units],
          passwordHash,
          passwordGenerated: false,
        },
        { userId: null, via: 'cli' },
      )
      ids[p.username] = user.id
    }
    apps = [opened.one, opened.two].map((services) => createApp({ services, version: 'test' }))
    cookies = {}
    for (const p of people) {
      const res = await apps[0]!.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost' },
        body: JSON.stringify({ username: p.username, password: PASSWORD }),
      })
      expect(res.status).toBe(200)
      cookies[p.username] = res.headers.get('set-cookie')!.split(';')[0]!
    }
    const surveyor = {
      id: ids.lan!,
      username: 'lan',
      role: 'surveyor' as const,
      units: ['huyen-a', 'huyen-b'],
      disabled: false,
    }
    stored = [...responses(6), ...responses(3, 'huyen-b')]
    await responseStore(opened.storage).storeBatches([checkedBatch(survey, surveyor, stored)])
    await opened.fold()
  })
  afterEach(() => opened.close())

  const call = (app: number, as: string, url: string, json?: unknown) =>
    apps[app]!.request(url, {
      method: json === undefined ? 'GET' : 'POST',
      headers: {
        cookie: cookies[as]!,
        'accept-language': 'en',
        origin: 'http://localhost',
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    })
  const counted = async () => {
    await opened.fold()
    const rows = await readScoringRows(opened.storage.db, { surveyId: survey.id, surveyVersion: survey.version })
    return rows.tallies.reduce((sum, t) => sum + t.responses, 0)
  }

  it('voids and restores a response for its supervisor, and the aggregates follow', async () => {
    expect(await counted()).toBe(9)

    const target = stored[0]!.id
    const voided = await call(0, 'hoa', `/api/review/responses/${target}/void`, { reason: 'ghi nhầm đơn vị' })
    expect(voided.status).toBe(200)
    expect(((await voided.json()) as { response: { voided: { reason: string } } }).response.voided.reason).toBe(
      'ghi nhầm đơn vị',
    )
    expect(await counted()).toBe(8)
    const again = await call(1, 'quan-tri', `/api/review/responses/${target}/void`, { reason: 'lần nữa' })
    expect(again.status).toBe(409)
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('review-response-already-voided')
    // A unit not theirs is not found for them; a reason missing is refused, naming the field.
    const other = await call(0, 'hoa', `/api/review/responses/${stored[7]!.id}/void`, { reason: 'không phải đơn vị' })
    expect(other.status).toBe(404)
    const blank = await call(0, 'hoa', `/api/review/responses/${stored[1]!.id}/void`, { reason: ' ' })
    expect(blank.status).toBe(400)
    expect(((await blank.json()) as { error: { field: string } }).error.field).toBe('reason')

    expect((await call(1, 'hoa', `/api/review/responses/${target}/restore`, { reason: 'đúng đơn vị' })).status).toBe(
      200,
    )
    expect(await counted()).toBe(9)
  })

  it('settles a conflicting resend: the correction counts instead, and a second settling is refused', async () => {
    const original = stored[0]!
    const { body, hash } = prepareResponse(survey, {
      ...original,
      answers: { ...original.answers, q1: 'poor' },
      submittedAt: '2025-10-09T09:00:00+07:00',
    })
    await opened.storage.db
      .insertInto('conflicts')
      .values({ response_id: original.id, body, hash, received_at: new Date().toISOString(), received_by: null })
      .execute()
    const listed = (await (await call(0, 'hoa', '/api/review/conflicts')).json()) as {
      conflicts: { seq: number; responseId: string }[]
    }
    expect(listed.conflicts.map((c) => c.responseId)).toEqual([original.id])
    const seq = listed.conflicts[0]!.seq
    const settled = await call(0, 'hoa', `/api/review/conflicts/${seq}/resolve`, {
      action: 'accept-new',
      reason: 'sửa lại',
    })
    expect(settled.status).toBe(200)
    const corrected = (await settled.json()) as { response: { correction: { response: Response } } }
    expect(corrected.response.correction.response.answers.q1).toBe('poor')
    expect(await counted()).toBe(9)
    const twice = await call(1, 'quan-tri', `/api/review/conflicts/${seq}/resolve`, {
      action: 'keep-original',
      reason: 'x',
    })
    expect(twice.status).toBe(409)
    expect((await (await call(1, 'hoa', '/api/review/conflicts')).json()) as object).toEqual({
      conflicts: [],
      nextCursor: null,
    })
  })

  it('lists a supervisor the responses of their units only', async () => {
    const list = await call(1, 'hoa', `/api/review/responses?surveyId=${survey.id}&version=${survey.version}`)
    expect(list.status).toBe(200)
    const page = (await list.json()) as { responses: { id: string; unitId: string }[] }
    expect(page.responses.map((r) => r.id).sort()).toEqual(
      stored
        .slice(0, 6)
        .map((r) => r.id)
        .sort(),
    )
  })

  it('the data-quality review reads every response and shows a waiting conflict and a void', async () => {
    const [voided, resent] = [stored[3]!, stored[4]!]
    expect((await call(0, 'hoa', `/api/review/responses/${voided.id}/void`, { reason: 'trùng' })).status).toBe(200)
    const again = prepareResponse(survey, { ...resent, answers: { ...resent.answers, q1: 'poor' } })
    await opened.storage.db
      .insertInto('conflicts')
      .values({
        response_id: resent.id,
        body: again.body,
        hash: again.hash,
        received_at: new Date().toISOString(),
        received_by: null,
      })
      .execute()
    const res = await call(1, 'quan-tri', `/api/quality?surveyId=${survey.id}&version=${survey.version}`)
    expect(res.status).toBe(200)
    const report = (await res.json()) as QualityReport
    expect(report.responsesRead).toBe(9)
    expect(report.counts['pending-conflict']).toEqual({ flags: 1, open: 1 })
    const conflict = report.flags.find((f) => f.kind === 'pending-conflict')!
    expect(conflict.responseIds).toEqual([resent.id])
    expect(report.responses[resent.id]).toMatchObject({ unitId: 'huyen-a', voided: null, corrected: false })
    // A supervisor of huyen-a reads only the six responses of their unit.
    const theirs = (await (
      await call(0, 'hoa', `/api/quality?surveyId=${survey.id}&version=${survey.version}`)
    ).json()) as QualityReport
    expect(theirs.responsesRead).toBe(6)
  })

  it('voids a response once when the same void comes through two app servers at once', async () => {
    const target = stored[2]!.id
    const results = await Promise.all(
      [0, 1, 0, 1].map(async (app) => call(app, 'hoa', `/api/review/responses/${target}/void`, { reason: 'trùng' })),
    )
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409])
    expect(await counted()).toBe(8)
    const voids = await opened.storage.db.selectFrom('response_voids').select('response_id').execute()
    expect(voids).toHaveLength(1)
  })
})
