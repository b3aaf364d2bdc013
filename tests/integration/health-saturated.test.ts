import net from 'node:net'
import { describe, expect, it } from 'vitest'
import { startServer } from '../support/server-process.ts'

/**
 * `/api/health` is what a load balancer or a supervisor process checks: it must answer while the
 * server is saturated (issue 13, item 20). 500 connections at once: half of them log-in attempts
 * (password hashing, the costliest request), half of them requests whose headers never finish.
 * The deadline is generous (no timing assertion beyond "it answers"); the figure is printed.
 */
describe('health under 500 simultaneous connections', () => {
  it('answers while 250 log-ins and 250 unfinished requests hold connections', async () => {
    const server = await startServer()
    const sockets: net.Socket[] = []
    try {
      const open = () => {
        const socket = net.connect(server.port, '127.0.0.1')
        socket.on('error', () => {})
        socket.on('data', () => {})
        sockets.push(socket)
        return socket
      }
      for (let i = 0; i < 250; i++) {
        const body = JSON.stringify({ username: i % 2 ? 'admin' : `nobody-${i}`, password: `guess ${i}` })
        open().write(
          `POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${server.url}\r\n` +
            `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        )
        open().write('GET /api/surveys HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ')
      }
      const started = Date.now()
      const res = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(5000) })
      expect(res.status).toBe(200)
      expect(await res.json()).toMatchObject({ status: 'ok' })
      console.log(`health answered in ${Date.now() - started} ms beside 500 open connections`)
    } finally {
      for (const socket of sockets) socket.destroy()
      await server.stop()
    }
  }, 60_000)
})
