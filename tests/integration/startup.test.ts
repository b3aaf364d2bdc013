import { describe, expect, it } from 'vitest'
import { logIn } from '../support/api-client.ts'
import { startServer } from '../support/server-process.ts'

describe('starting the server', () => {
  it('creates the database, publishes the demo surveys and gives admin the ADMIN_PASSWORD; a restart keeps everything', async () => {
    const first = await startServer({ env: { ADMIN_PASSWORD: 'an unattended install' } })
    try {
      expect(first.output()).toContain('published survey par-2026-department v1')
      expect(first.output()).toContain('published survey par-2026-commune v1')
      expect(first.output()).not.toContain('an unattended install')
      expect([...first.logins.keys()].sort()).toEqual(['analyst', 'supervisor', 'surveyor'])
      const cookie = await logIn(first.url, 'admin', 'an unattended install')
      const surveys = await fetch(`${first.url}/api/surveys`, { headers: { cookie } })
      expect(((await surveys.json()) as { surveys: unknown[] }).surveys).toHaveLength(2)
    } finally {
      await first.stop()
    }

    const second = await startServer({ dataDir: first.dataDir })
    try {
      expect(second.output()).not.toContain('demo account')
      expect(second.output()).not.toContain('published survey')
      await logIn(second.url, 'surveyor', first.logins.get('surveyor')!)
    } finally {
      await second.stop()
    }
  })

  it('serves the built app and its service worker at /', async () => {
    const server = await startServer()
    try {
      const page = await fetch(`${server.url}/some/client/route`)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('<div id="app">')
      const sw = await fetch(`${server.url}/sw.js`)
      expect(sw.status).toBe(200)
      expect(sw.headers.get('cache-control')).toBe('no-cache')
    } finally {
      await server.stop()
    }
  })
})
