import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type ServerProcess } from '../support/server-process.ts'

let server: ServerProcess
beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server?.stop()
})

/** Sends one keep-alive GET on `socket` and resolves with the status line of the answer. */
function get(socket: net.Socket, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = ''
    const onData = (chunk: Buffer) => {
      answer += chunk.toString('latin1')
      if (answer.includes('\r\n\r\n')) {
        socket.off('data', onData)
        resolve(answer.slice(0, answer.indexOf('\r\n')))
      }
    }
    socket.on('data', onData)
    socket.once('close', () => reject(new Error(`connection closed before an answer to ${path}`)))
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`)
  })
}

describe('keep-alive connections', () => {
  it('a device that waits 6 s between two requests (a stall on a 2G link) gets its answer on the same connection', async () => {
    const socket = net.connect(server.port, '127.0.0.1')
    try {
      expect(await get(socket, '/api/health')).toBe('HTTP/1.1 200 OK')
      await new Promise((r) => setTimeout(r, 6_000))
      expect(socket.destroyed).toBe(false)
      expect(await get(socket, '/api/health')).toBe('HTTP/1.1 200 OK')
    } finally {
      socket.destroy()
    }
  })
})
