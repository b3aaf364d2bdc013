import fs from 'node:fs'
import path from 'node:path'
import { repoRoot } from './server-process.ts'

/**
 * Where browser tests save their screenshots of each view: `docs/screenshots/` (shown in the
 * README) when run with UPDATE_SCREENSHOTS=1, otherwise `tests/.artifacts/screenshots/` (ignored
 * by git), so an ordinary test run never changes committed files.
 */
export function screenshotPath(name: string): string {
  const dir =
    process.env.UPDATE_SCREENSHOTS === '1'
      ? path.join(repoRoot, 'docs/screenshots')
      : path.join(repoRoot, 'tests/.artifacts/screenshots')
  fs.mkdirSync(dir, { recursive: true })
  return path.join(dir, name)
}
