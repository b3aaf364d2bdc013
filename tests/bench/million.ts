import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { benchSurvey, fillDatabase } from './data.ts'

let made: { dataDir: string; dbFile: string; count: number } | undefined

/**
 * The 1,000,000-response database (100,000 in a quick run) shared by the aggregate-read and
 * rebuild benchmarks: filled once per `pnpm bench`, removed when the process exits.
 */
export function millionDatabase(quick: boolean, log: (line: string) => void): { dataDir: string; dbFile: string; count: number } {
  if (made) return made
  const count = quick ? 100_000 : 1_000_000
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-bench-million-'))
  process.once('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }))
  const start = performance.now()
  const { dbFile } = fillDatabase(dataDir, benchSurvey(), count)
  log(`filled ${count.toLocaleString('en-US')} responses in ${((performance.now() - start) / 1000).toFixed(1)} s`)
  made = { dataDir, dbFile, count }
  return made
}
