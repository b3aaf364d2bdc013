import { parentPort, workerData } from 'node:worker_threads'
import { openDatabase } from '../db/connection.ts'
import { createServices } from '../services.ts'

/**
 * The fold thread (fold-thread.ts): its own connection to the server's database, folding the
 * stored responses into the aggregates every `everyMs`, so that the thread answering requests
 * spends nothing on aggregates while devices sync.
 */
const { file, everyMs } = (workerData as { data: { file: string; everyMs: number } }).data
const db = openDatabase(file)
const { folding } = createServices(db)

let running = true
function tick(): void {
  if (!running) return
  try {
    folding.foldDetached()
  } catch (err) {
    // A busy database (a long rebuild by the CLI) or a full disk: the next tick tries again.
    parentPort?.postMessage({ error: err instanceof Error ? err.message : String(err) })
  }
  setTimeout(tick, everyMs)
}
setTimeout(tick, everyMs)

parentPort?.on('message', (message: unknown) => {
  if (message !== 'stop') return
  running = false
  try {
    folding.foldDetached()
  } finally {
    db.close()
    parentPort?.postMessage({ stopped: true })
  }
})
