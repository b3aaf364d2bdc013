import { Worker } from 'node:worker_threads'

/**
 * Starts a worker thread on a TypeScript module (`workerData.data` holds `data`). Under node 20
 * a worker does not get the parent's loader hooks, nor does an inherited `--import tsx` take
 * effect before its main module, so every worker starts on a small JavaScript bootstrap that
 * registers tsx's loader and then imports the module — under `tsx`, `node --import tsx` and
 * the test runner alike (worker-thread.test.ts).
 */
export function startWorker(file: URL, data: unknown): Worker {
  return new Worker(new URL('./worker-bootstrap.mjs', import.meta.url), {
    workerData: { module: file.href, data },
    // A small young generation: a worker's garbage is short-lived (one line's objects), and its
    // memory then stays flat instead of growing with the length of the run.
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  })
}
