import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'
import proxyaddr from 'proxy-addr'
import type { AppEnv } from './context.ts'

/** Who sent a request and by which address the browser reached us. */
export type Client = {
  /** The client's IP address, for rate limits and logs; `unknown` without a socket (tests' `app.request`). */
  ip: string
  /** The origin the browser used: the request's URL, https when a trusted proxy says so. */
  origin: string
  /** The origin printed in links: `PUBLIC_URL` when set, else `origin`. */
  publicOrigin: string
}

/**
 * Compiles `TRUST_PROXY` (addresses, CIDR ranges, or proxy-addr's names `loopback`, `linklocal`,
 * `uniquelocal`); throws on an entry that is none of these. An empty list trusts nobody.
 */
export function compileTrust(trustProxy: readonly string[]) {
  return proxyaddr.compile([...trustProxy])
}

/** The TCP peer's address, or undefined when the request came without a socket. */
function socketAddress(c: Context<AppEnv>): string | undefined {
  try {
    return getConnInfo(c).remote.address
  } catch {
    return undefined
  }
}

/**
 * Sets `client` for every request. `X-Forwarded-For` and `X-Forwarded-Proto` are believed only
 * from a peer listed in `trustProxy` (never by default): the client address is the rightmost
 * `X-Forwarded-For` entry not itself a trusted proxy, as Express does, so an address a client
 * wrote into the header is ignored unless every hop after it is trusted.
 */
export function identifyClient(options: {
  trustProxy: readonly string[]
  publicUrl: string | undefined
}): MiddlewareHandler<AppEnv> {
  const trust = compileTrust(options.trustProxy)
  return async (c, next) => {
    const peer = socketAddress(c)
    let ip = peer ?? 'unknown'
    const url = new URL(c.req.url)
    if (peer !== undefined && options.trustProxy.length > 0) {
      const forwardedFor = c.req.header('x-forwarded-for')
      ip = proxyaddr({ headers: { 'x-forwarded-for': forwardedFor }, socket: { remoteAddress: peer } } as never, trust)
      // The leftmost value, as Express reads it: the scheme the client used to reach the first proxy.
      const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
      if (trust(peer, 0) && (proto === 'https' || proto === 'http')) url.protocol = `${proto}:`
    }
    c.set('client', { ip, origin: url.origin, publicOrigin: options.publicUrl ?? url.origin })
    await next()
  }
}
