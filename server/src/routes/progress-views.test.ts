import fs from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'

let t: TestApp
beforeEach(async () => {
  t = await startTestApp()
})
afterEach(() => t.close())

const Q = 'surveyId=test-2025-district&version=1'
type Surveyors = { surveyors: { username: string | null; responses: number; units: number }[] }
type Days = { days: { day: string; responses: number; cumulative: number }[] }

async function send(as: string, responses: ReturnType<typeof makeResponse>[]) {
  const res = await t.request('/api/sync', { as, json: { responses } })
  expect(res.status).toBe(200)
}

describe('progress per surveyor and per day', () => {
  it('counts responses per sending account, over the units the reader sees', async () => {
    await send('surveyor', [makeResponse(), makeResponse()])
    await send('admin', [makeResponse({ unitId: 'huyen-b' }), makeResponse()])
    const analyst = (await (await t.request(`/api/progress/by-surveyor?${Q}`, { as: 'analyst' })).json()) as Surveyors
    expect(analyst.surveyors).toEqual([
      { userId: expect.any(Number), username: 'admin', responses: 2, units: 2 },
      { userId: expect.any(Number), username: 'surveyor', responses: 2, units: 1 },
    ])
    // The supervisor is assigned huyen-a only: admin's response about huyen-b is not theirs to see.
    const supervisor = (await (
      await t.request(`/api/progress/by-surveyor?${Q}`, { as: 'supervisor' })
    ).json()) as Surveyors
    expect(supervisor.surveyors.map((s) => [s.username, s.responses])).toEqual([
      ['surveyor', 2],
      ['admin', 1],
    ])
  })

  it('puts a response on its submission day in Vietnam time, and lists the days between with 0', async () => {
    await send('admin', [
      // 23:30 UTC on 30 Sep is 06:30 on 1 Oct in Hà Nội.
      makeResponse({ startedAt: '2025-09-30T23:00:00.000Z', submittedAt: '2025-09-30T23:30:00.000Z' }),
      makeResponse({ submittedAt: '2025-10-01T20:00:00.000+07:00' }),
      makeResponse({ submittedAt: '2025-10-03T08:00:00.000+07:00' }),
    ])
    const reply = (await (await t.request(`/api/progress/by-day?${Q}`, { as: 'analyst' })).json()) as Days
    expect(reply.days).toEqual([
      { day: '2025-10-01', responses: 2, cumulative: 2 },
      { day: '2025-10-02', responses: 0, cumulative: 2 },
      { day: '2025-10-03', responses: 1, cumulative: 3 },
    ])
  })

  it('stops counting a voided response and counts it again when restored', async () => {
    const voided = makeResponse()
    await send('surveyor', [voided, makeResponse()])
    const total = async () =>
      ((await (await t.request(`/api/progress/by-day?${Q}`, { as: 'analyst' })).json()) as Days).days.reduce(
        (n, d) => n + d.responses,
        0,
      )
    const review = (action: string) =>
      t.request(`/api/review/responses/${voided.id}/${action}`, { as: 'admin', json: { reason: 'thử nghiệm' } })
    expect((await review('void')).status).toBe(200)
    expect(await total()).toBe(1)
    expect((await review('restore')).status).toBe(200)
    expect(await total()).toBe(2)
  })

  it('a rebuild gives the same tallies as the incremental path', async () => {
    await send('surveyor', [makeResponse(), makeResponse({ submittedAt: '2025-10-05T01:00:00.000+07:00' })])
    await send('admin', [makeResponse({ unitId: 'huyen-b' })])
    const snapshot = () => {
      t.services.folding.flush()
      return t.db.prepare('SELECT * FROM agg_progress ORDER BY unit_id, received_by, day').all()
    }
    const before = snapshot()
    t.db.prepare('DELETE FROM agg_progress').run()
    t.services.sqlite.progressCounts.rebuild({ surveyId: 'test-2025-district', surveyVersion: 1 })
    expect(snapshot()).toEqual(before)
    // Migration 005 fills the table the same way for responses stored before it existed.
    const migration = fs.readFileSync(new URL('../db/migrations/005_progress_indexes.sql', import.meta.url), 'utf8')
    t.db.prepare('DELETE FROM agg_progress').run()
    t.db.exec(migration.slice(migration.indexOf('INSERT INTO agg_progress')))
    expect(snapshot()).toEqual(before)
  })

  it('refuses a surveyor and an unknown survey', async () => {
    expect((await t.request(`/api/progress/by-day?${Q}`, { as: 'surveyor' })).status).toBe(403)
    expect((await t.request('/api/progress/by-surveyor?surveyId=nope', { as: 'analyst' })).status).toBe(404)
  })
})

describe('progress exports', () => {
  it('downloads the heat table, per surveyor and per day as CSV with a header row', async () => {
    await send('surveyor', [
      makeResponse(),
      makeResponse({ groupId: 'citizen', locationId: 'xa-1', answers: { q1: 'good', q3: 'good', q4: 'good' } }),
    ])
    const text = async (name: string) =>
      (await (await t.request(`/api/exports/${name}.csv?${Q}&header=ids`, { as: 'supervisor' })).text()).replace(
        /^\uFEFF/,
        '',
      )
    const progress = (await text('progress')).trim().split('\r\n')
    expect(progress[0]).toBe('unitId,unitName,groupId,locationId,responses,quota,share')
    // huyen-a only (the supervisor's unit): leader and citizen, the group quotas being per unit here.
    expect(progress.slice(1)).toEqual([
      'huyen-a,Huyện A,leader,,1,3,0.3333333333333333',
      'huyen-a,Huyện A,citizen,,1,4,0.25',
    ])
    expect((await text('progress-by-surveyor')).trim().split('\r\n')).toEqual([
      'username,responses,units',
      'surveyor,2,1',
    ])
    expect((await text('progress-by-day')).trim().split('\r\n')).toEqual(['day,responses,cumulative', '2025-10-01,2,2'])
  })
})
