/**
 * Builds the server ahead of time: `node scripts/build.mjs` bundles the TypeScript sources (and
 * `@parsurvey/shared`, consumed as source) into plain JavaScript in `dist/`, which `npm start`
 * runs with plain `node`. Entries: the server, the CLI, and the two worker threads (started from
 * their own file, next to the code that starts them). Packages from the registry stay imports
 * (better-sqlite3 is a native module). The SQL migrations are copied beside the bundle, where
 * `db/migrate.ts` looks for them. Plain JavaScript itself, so that building needs no loader.
 */
import { build } from 'esbuild'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const distDir = path.join(serverDir, 'dist')

export async function buildServer() {
  const pkg = JSON.parse(fs.readFileSync(path.join(serverDir, 'package.json'), 'utf8'))
  const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@parsurvey/'))
  fs.rmSync(distDir, { recursive: true, force: true })
  await build({
    absWorkingDir: serverDir,
    entryPoints: {
      main: 'src/main.ts',
      cli: 'src/cli/main.ts',
      'rebuild-worker': 'src/aggregates/rebuild-worker.ts',
      'score-worker': 'src/cli/score-worker.ts',
    },
    outdir: distDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    sourcemap: true,
    chunkNames: '[name]-[hash]',
    // CommonJS packages bundled in (yaml, through shared) require Node's built-ins.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  })
  fs.cpSync(path.join(serverDir, 'src/db/migrations'), path.join(distDir, 'migrations'), { recursive: true })
  fs.cpSync(path.join(serverDir, 'src/db/migrations-pg'), path.join(distDir, 'migrations-pg'), { recursive: true })
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildServer()
