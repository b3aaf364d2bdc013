import { openDatabase } from '@parsurvey/server'
import { generateResponses, type Response } from '@parsurvey/shared'
import fs from 'node:fs'
import type { FetchFn } from '../../client/src/api/http.ts'
import { demoSurvey } from './crash-harness.ts'
import { createFieldDevice } from './field-device.ts'
import { seededRandom, startFaultProxy, weightedFaults, type Fault } from './fault-proxy.ts'
import { startServer } from './server-process.ts'

/**
 * The bad-network trial shared by the integration test and the soak: the real server, the fault
 * proxy in front of it, and several devices running the real client sender over real `fetch`,
 * each queuing questionnaires round after round and syncing through drops, delays, lost
 * acknowledgements and duplicated requests. At the end the network heals and every device
 * syncs until its outbox is empty.
 */
export type NetworkOptions = {
  devices: number
  rounds: number
  responsesPerRound: number
  seed: number
  weights?: Partial<Record<Exclude<Fault, 'pass'>, number>>
}

export type NetworkResult = {
  requests: number
  faults: Record<Fault, number>
  injected: number
  queued: number
  /** Outbox entries the devices show as sent (acknowledged by a receipt). */
  acknowledged: number
  /** Queued responses not stored on the server (must be empty). */
  lost: string[]
  /** Outbox entries not in the `sent` state at the end (must be empty). */
  notSent: string[]
  duplicated: number
  serverErrors: number
  integrity: string
}

export const DEFAULT_WEIGHTS = { drop: 0.12, delay: 0.12, cut: 0.15, 'cut-body': 0.08, duplicate: 0.12 }

export async function runNetworkTrial(options: NetworkOptions): Promise<NetworkResult> {
  const random = seededRandom(options.seed)
  const survey = demoSurvey()
  const perDevice = options.rounds * options.responsesPerRound
  const all: Response[] = [...generateResponses(survey, options.devices * perDevice, `net-${options.seed}`)]
  const server = await startServer()
  const proxy = await startFaultProxy({
    target: { host: '127.0.0.1', port: server.port },
    choose: weightedFaults(options.weights ?? DEFAULT_WEIGHTS, random),
    random,
  })
  let serverErrors = 0
  const counting: FetchFn = async (input, init) => {
    const res = await fetch(input, init)
    if (res.status >= 500) serverErrors++
    return res
  }
  try {
    const password = server.logins.get('surveyor')!
    const devices = Array.from({ length: options.devices }, () =>
      createFieldDevice({ baseUrl: proxy.url, fetch: counting, username: 'surveyor', password }),
    )
    await Promise.all(devices.map((d) => d.logIn()))
    const work = devices.map((device, index) => async () => {
      const mine = all.slice(index * perDevice, (index + 1) * perDevice)
      for (let round = 0; round < options.rounds; round++) {
        await device.queue(mine.slice(round * options.responsesPerRound, (round + 1) * options.responsesPerRound))
        // A few attempts per round, as the scheduler would make on its timer; failures are expected.
        for (let attempt = 0; attempt < 3; attempt++) if ((await device.run()).pending === 0) break
      }
    })
    await Promise.all(work.map((w) => w()))

    // The network heals: everything still queued goes through.
    proxy.setChooser(() => 'pass')
    for (const device of devices) await device.syncAll(20)

    const outboxes = await Promise.all(devices.map((d) => d.storage.outbox()))
    const entries = outboxes.flat()
    await server.stop()
    const db = openDatabase(server.dbFile)
    try {
      const stored = db.prepare('SELECT id FROM responses').pluck().all() as string[]
      const storedSet = new Set(stored)
      const queuedIds = new Set(all.map((r) => r.id))
      return {
        requests: Object.values(proxy.counts).reduce((a, b) => a + b, 0),
        faults: { ...proxy.counts },
        injected: proxy.injected(),
        queued: entries.length,
        acknowledged: entries.filter((e) => e.state === 'sent').length,
        lost: all.map((r) => r.id).filter((id) => !storedSet.has(id)),
        notSent: entries.filter((e) => e.state !== 'sent').map((e) => `${e.id}: ${e.state} ${e.reason?.code ?? ''}`),
        duplicated: stored.length - storedSet.size + stored.filter((id) => !queuedIds.has(id)).length,
        serverErrors,
        integrity: String(db.pragma('integrity_check', { simple: true })),
      }
    } finally {
      db.close()
    }
  } finally {
    await proxy.close()
    await server.stop('SIGKILL')
    fs.rmSync(server.dataDir, { recursive: true, force: true })
  }
}
