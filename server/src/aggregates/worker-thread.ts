import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'

/** True when this runs as TypeScript source (tests, `pnpm dev`), false in the built bundle. */
const fromSource = import.meta.url.endsWith('.ts')

/**
 * Starts a worker thread on `file`, a module beside its caller (`workerData.data` holds `data`).
 * The built server (scripts/build.mjs) has each worker as an entry of its own, `dist/<name>.js`,
 * next to this code: plain `node` starts it as it is. Run from source, the worker must load
 * TypeScript, and under node 20 a worker gets neither the parent's loader hooks nor, before its
 * main module, an inherited `--import tsx`: it registers tsx's loader first, in a few lines of
 * evaluated code, then imports the module.
 */
export function startWorker(file: URL, data: unknown): Worker {
  const options = {
    workerData: { data },
    // A small young generation: a worker's garbage is short-lived (one line's objects), and its
    // memory then stays flat instead of growing with the length of the run.
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  }
  if (!fromSource) {
    const name = path.basename(fileURLToPath(file)).replace(/\.ts$/, '.js')
    return new Worker(new URL(`./${name}`, import.meta.url), options)
  }
  const code = `import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(file.href)}) })`
  return new Worker(code, { ...options, eval: true })
}

/** File URL of tsx's ES module API (its CommonJS twin cannot register the ES module hooks). */
function tsxApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json')
  const { exports } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as {
    exports: { './esm/api': { import: { default: string } } }
  }
  return pathToFileURL(path.join(path.dirname(manifest), exports['./esm/api'].import.default)).href
}
