import type { SyncReply } from '@parsurvey/shared'

/** A minimal API client over real HTTP, as a device or a script would use the server. */
export async function logIn(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (res.status !== 200) throw new Error(`log-in of ${username} failed with ${res.status}: ${await res.text()}`)
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!
}

/** POST /api/sync; throws on anything but 200 (including a dropped connection). */
export async function sendBatch(baseUrl: string, cookie: string, responses: unknown[]): Promise<SyncReply> {
  const res = await fetch(`${baseUrl}/api/sync`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ responses }),
  })
  if (res.status !== 200) throw new Error(`sync answered ${res.status}: ${await res.text()}`)
  return (await res.json()) as SyncReply
}
