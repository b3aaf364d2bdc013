// The entry of every worker thread (worker-thread.ts): registers tsx's loader in this thread,
// then runs the TypeScript module named in workerData. Plain JavaScript: nothing loads .ts yet.
import { register } from 'tsx/esm/api'
import { workerData } from 'node:worker_threads'

register()
await import(workerData.module)
