import net from 'node:net'

/**
 * A TCP proxy on loopback between devices and the server that injects the faults of a bad
 * mobile network, one HTTP request at a time:
 *
 * - `drop`: the connection is closed before the request reaches the server;
 * - `delay`: the request is held for a while, then goes through;
 * - `cut`: the request reaches the server, which answers (so it has committed), but the device
 *   never sees a byte of the answer: the acknowledgement is lost;
 * - `cut-body`: the device gets the status line and part of the answer, then the connection dies;
 * - `duplicate`: the request is sent to the server twice (a retransmitting middlebox); the
 *   device sees one of the answers.
 *
 * To know where one request ends, every request is made the only one on its connection: the
 * proxy reads it whole (Content-Length framing; fetch sends no chunked bodies here), rewrites
 * `Connection` to `close`, and the server closes after answering.
 */
export type Fault = 'pass' | 'drop' | 'delay' | 'cut' | 'cut-body' | 'duplicate'
export const FAULTS: Fault[] = ['pass', 'drop', 'delay', 'cut', 'cut-body', 'duplicate']

export type FaultProxy = {
  url: string
  port: number
  /** Requests seen per fault (pass included). */
  counts: Record<Fault, number>
  /** Faults injected (everything but pass). */
  injected: () => number
  /** Changes the fault chooser, e.g. to let everything through at the end. */
  setChooser: (choose: (request: ProxiedRequest) => Fault) => void
  close: () => Promise<void>
}

/** A request as the device sent it; `bytes`: its size on the wire (head and body). */
export type ProxiedRequest = { method: string; path: string; bytes: number }

/** A chooser that picks each fault with the given weight (pass gets the rest of 1). */
export function weightedFaults(
  weights: Partial<Record<Exclude<Fault, 'pass'>, number>>,
  random: () => number,
): (r: ProxiedRequest) => Fault {
  return () => {
    let x = random()
    for (const [fault, weight] of Object.entries(weights) as [Fault, number][]) {
      if (x < weight) return fault
      x -= weight
    }
    return 'pass'
  }
}

/** A small seeded PRNG (mulberry32), so a failing run can be repeated with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const HEAD_END = Buffer.from('\r\n\r\n')
const MAX_HEAD = 64 * 1024

/** The whole request (head + body) once it has arrived, with `Connection: close`, or undefined. */
function frameRequest(buffer: Buffer): { bytes: Buffer; request: ProxiedRequest } | undefined {
  const end = buffer.indexOf(HEAD_END)
  if (end < 0) return undefined
  const head = buffer.subarray(0, end).toString('latin1')
  const lines = head.split('\r\n')
  const [method = '', path = ''] = (lines[0] ?? '').split(' ')
  const length = Number(/^content-length:\s*(\d+)\s*$/im.exec(head)?.[1] ?? 0)
  if (buffer.length < end + 4 + length) return undefined
  const kept = lines.filter((line) => !/^(connection|keep-alive):/i.test(line))
  const newHead = Buffer.from(`${[...kept, 'Connection: close'].join('\r\n')}\r\n\r\n`, 'latin1')
  return {
    bytes: Buffer.concat([newHead, buffer.subarray(end + 4, end + 4 + length)]),
    request: { method, path, bytes: end + 4 + length },
  }
}

export async function startFaultProxy(options: {
  target: { host: string; port: number }
  choose: (request: ProxiedRequest) => Fault
  /** Longest delay of a `delay` fault, in ms. */
  maxDelayMs?: number
  random?: () => number
}): Promise<FaultProxy> {
  const random = options.random ?? Math.random
  const maxDelayMs = options.maxDelayMs ?? 300
  let choose = options.choose
  const counts = Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<Fault, number>
  const sockets = new Set<net.Socket>()
  const track = (socket: net.Socket) => {
    sockets.add(socket)
    socket.on('error', () => undefined)
    socket.once('close', () => sockets.delete(socket))
    return socket
  }

  /** Sends the request to the server; resolves with everything it answered until it closed. */
  function forward(bytes: Buffer, onData?: (chunk: Buffer) => void): Promise<Buffer> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = []
      const upstream = track(net.connect(options.target.port, options.target.host))
      upstream.on('connect', () => upstream.write(bytes))
      upstream.on('data', (chunk: Buffer) => {
        chunks.push(chunk)
        onData?.(chunk)
      })
      upstream.once('close', () => resolve(Buffer.concat(chunks)))
    })
  }

  async function handle(client: net.Socket, bytes: Buffer, request: ProxiedRequest): Promise<void> {
    const fault = choose(request)
    counts[fault]++
    switch (fault) {
      case 'drop':
        client.destroy()
        return
      case 'delay':
        await new Promise((r) => setTimeout(r, random() * maxDelayMs))
        break
      case 'cut':
        // Wait for the whole answer: the server has committed and replied; the device gets nothing.
        await forward(bytes)
        client.destroy()
        return
      case 'cut-body': {
        const answer = await forward(bytes)
        const headEnd = answer.indexOf(HEAD_END)
        const keep = headEnd < 0 ? 0 : Math.min(answer.length - 1, headEnd + 4 + Math.floor(random() * 8))
        client.write(answer.subarray(0, keep), () => client.destroy())
        return
      }
      case 'duplicate':
        void forward(bytes)
        break
      case 'pass':
        break
    }
    if (client.destroyed) return
    await forward(bytes, (chunk) => client.write(chunk))
    client.end()
  }

  const server = net.createServer((socket) => {
    const client = track(socket)
    let buffer = Buffer.alloc(0)
    let taken = false
    client.on('data', (chunk: Buffer) => {
      if (taken) return
      buffer = Buffer.concat([buffer, chunk])
      const framed = frameRequest(buffer)
      if (!framed) {
        if (buffer.indexOf(HEAD_END) < 0 && buffer.length > MAX_HEAD) client.destroy()
        return
      }
      taken = true
      void handle(client, framed.bytes, framed.request)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    counts,
    injected: () => FAULTS.filter((f) => f !== 'pass').reduce((sum, f) => sum + counts[f], 0),
    setChooser(next) {
      choose = next
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
