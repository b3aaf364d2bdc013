import { afterEach, describe, expect, it } from 'vitest'
import { makeResponse, startTestApp, type TestApp } from '../testing/harness.ts'

const TOKEN = 'b7e2d4c81f9a4e3db7e2d4c81f9a4e3d'

let t: TestApp
afterEach(() => t.close())

/** The value of the sample `name{labels}` in a Prometheus text page (labels as printed). */
function sample(page: string, series: string): number | undefined {
  const line = page.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1).replace('+Inf', 'Infinity'))
}

const scrape = async () => {
  const res = await t.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })
  expect(res.status).toBe(200)
  return res.text()
}

describe('GET /metrics', () => {
  it('is read with the METRICS_TOKEN bearer or an admin session, and by nobody else', async () => {
    t = await startTestApp({ app: { metricsToken: TOKEN } })
    const bearer = await t.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(bearer.status).toBe(200)
    expect(bearer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    expect((await t.request('/metrics', { as: 'admin' })).status).toBe(200)

    expect((await t.request('/metrics')).status).toBe(401)
    expect((await t.request('/metrics', { as: 'analyst' })).status).toBe(403)
    for (const wrong of [TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toUpperCase(), 'x']) {
      const res = await t.request('/metrics', { headers: { authorization: `Bearer ${wrong}` } })
      expect(res.status, wrong).toBe(401)
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/)
    }
    // A wrong token is refused even beside an admin's cookie.
    const admin = await t.login('admin')
    const both = await t.request('/metrics', { headers: { cookie: admin, authorization: 'Bearer nope' } })
    expect(both.status).toBe(401)
  })

  it('without METRICS_TOKEN no bearer token opens it', async () => {
    t = await startTestApp()
    expect((await t.request('/metrics', { headers: { authorization: 'Bearer ' } })).status).toBe(401)
    expect((await t.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(401)
  })

  it('counts requests by route pattern and status, sync batches and receipts by status', async () => {
    t = await startTestApp({ app: { metricsToken: TOKEN } })
    const response = makeResponse()
    await t.request('/api/sync', { as: 'surveyor', json: { responses: [response, makeResponse()] } })
    await t.request('/api/sync', { as: 'surveyor', json: { responses: [response, { id: 'nonsense' }] } })
    await t.request('/api/codes/batches/123', { as: 'analyst' })
    await t.request('/api/no-such-route')

    const page = await scrape()
    expect(sample(page, 'parsurvey_sync_batches_total')).toBe(2)
    expect(sample(page, 'parsurvey_sync_responses_total{status="stored"}')).toBe(2)
    expect(sample(page, 'parsurvey_sync_responses_total{status="duplicate"}')).toBe(1)
    expect(sample(page, 'parsurvey_sync_responses_total{status="rejected"}')).toBe(1)
    expect(sample(page, 'parsurvey_sync_responses_total{status="conflict"}')).toBe(0)
    expect(sample(page, 'parsurvey_http_requests_total{method="POST",route="/api/sync",status="200"}')).toBe(2)
    // Ids in the path do not make new series: the route pattern is the label.
    expect(page).toMatch(/route="\/api\/codes\/batches\/:id[^"]*",status="404"/)
    expect(page).not.toContain('batches/123')
    expect(sample(page, 'parsurvey_http_requests_total{method="GET",route="/api/*",status="404"}')).toBe(1)
    expect(sample(page, 'parsurvey_http_request_duration_seconds_count{method="POST",route="/api/sync"}')).toBe(2)
  })

  it('reports the database size, the age of the newest backup and the responses waiting for the fold', async () => {
    t = await startTestApp({ app: { metricsToken: TOKEN } })
    let page = await scrape()
    expect(sample(page, 'parsurvey_database_bytes{file="main"}')).toBeGreaterThan(0)
    expect(sample(page, 'parsurvey_backup_age_seconds')).toBe(Infinity)
    expect(sample(page, 'parsurvey_fold_waiting_responses')).toBe(0)

    t.services.sqlite.audit.record(
      { userId: null, action: 'database-backup', target: 'x.db' },
      new Date(Date.now() - 3600_000),
    )
    page = await scrape()
    const age = sample(page, 'parsurvey_backup_age_seconds')!
    expect(age).toBeGreaterThanOrEqual(3600)
    expect(age).toBeLessThan(3600 + 600)

    await t.request('/api/sync', { as: 'surveyor', json: { responses: [makeResponse(), makeResponse()] } })
    t.services.folding.stop() // as after a crash: stored, not yet folded
    expect(sample(await scrape(), 'parsurvey_fold_waiting_responses')).toBe(2)
    t.services.folding.flush()
    expect(sample(await scrape(), 'parsurvey_fold_waiting_responses')).toBe(0)
  })
})
