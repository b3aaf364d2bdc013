import net from 'node:net'

/**
 * A transparent TCP proxy on loopback that keeps connections alive as the browser and the server
 * negotiate them, and closes a *reused* connection under one chosen request:
 *
 * - `before-server`: the connection dies as the request goes out, before the server sees it (the
 *   server closed an idle keep-alive connection just as the device reused it);
 * - `after-commit`: the request reaches the server, which stores and answers, but the connection
 *   dies before the device reads a byte of the answer (the receipt is lost).
 *
 * Requests are found without parsing bodies: HTTP/1.1 clients (Chromium) do not pipeline, so the
 * first bytes from the device after the server has answered start the next request.
 */
export type ReuseCut = 'before-server' | 'after-commit'

export type RequestOnConnection = { method: string; path: string; nth: number }

export type ReuseCutProxy = {
  url: string
  /** Every request seen: method, path, its number on its connection, the cut applied, when (ms). */
  log: (RequestOnConnection & { cut: ReuseCut | null; atMs: number })[]
  close: () => Promise<void>
}

export async function startReuseCutProxy(options: {
  target: { host: string; port: number }
  /** Called for each request on a reused connection (`nth` ≥ 2). */
  cut: (request: RequestOnConnection) => ReuseCut | null
}): Promise<ReuseCutProxy> {
  const started = performance.now()
  const sockets = new Set<net.Socket>()
  const log: ReuseCutProxy['log'] = []
  const track = (socket: net.Socket) => {
    sockets.add(socket)
    socket.on('error', () => undefined)
    socket.once('close', () => sockets.delete(socket))
    return socket
  }

  const server = net.createServer((device) => {
    track(device)
    const upstream = track(net.connect(options.target.port, options.target.host))
    let nth = 0
    let betweenRequests = true
    let dropAnswer = false
    const closeBoth = () => {
      device.destroy()
      upstream.destroy()
    }
    device.on('data', (chunk: Buffer) => {
      if (betweenRequests) {
        betweenRequests = false
        nth++
        const [method = '', path = ''] = chunk.subarray(0, chunk.indexOf(13)).toString('latin1').split(' ')
        const cut = nth >= 2 ? options.cut({ method, path, nth }) : null
        log.push({ method, path, nth, cut, atMs: Math.round(performance.now() - started) })
        if (cut === 'before-server') return closeBoth()
        dropAnswer = cut === 'after-commit'
      }
      upstream.write(chunk)
    })
    upstream.on('data', (chunk: Buffer) => {
      betweenRequests = true
      // The server has stored and answered; the device gets nothing.
      if (dropAnswer) return closeBoth()
      device.write(chunk)
    })
    device.once('end', () => upstream.end())
    upstream.once('end', () => device.end())
    device.once('close', () => upstream.destroy())
    upstream.once('close', () => device.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
