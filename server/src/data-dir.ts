import fs from 'node:fs'
import path from 'node:path'

/** A start-up problem the operator can fix: printed as it is, without a stack trace. */
export class StartupError extends Error {}

const LOCK_FILE = 'parsurvey.lock'

/** What an error code means for a folder, in words an operator acts on. */
function explain(code: string | undefined): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'this account may not write there. Give it write access (chown/chmod) or set DATA_DIR to a folder it owns'
    case 'EROFS':
      return 'it is on a read-only file system. Set DATA_DIR to a folder on a writable disk'
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full. Free some space (or move DATA_DIR to a larger disk) and start again'
    case 'ENOTDIR':
      return 'part of the path is a file, not a folder. Fix DATA_DIR'
    default:
      return `it cannot be written (${code ?? 'unknown error'}). Check the disk and the permissions, or set DATA_DIR to another folder`
  }
}

const codeOf = (err: unknown) => (err as NodeJS.ErrnoException).code

/**
 * Makes sure `dir` can hold the database before SQLite touches it, and says what to do when it
 * cannot: its parent must exist (a mistyped path is not created), the folder must take a write.
 */
export function checkDataDir(dir: string): void {
  const parent = path.dirname(dir)
  if (!fs.existsSync(dir)) {
    if (!fs.existsSync(parent)) {
      throw new StartupError(
        `Cannot use the data folder ${dir}: its parent folder ${parent} does not exist. ` +
          `Create it (mkdir -p ${parent}) or set DATA_DIR to an existing folder, then start again.`,
      )
    }
    try {
      fs.mkdirSync(dir)
    } catch (err) {
      throw new StartupError(`Cannot create the data folder ${dir}: ${explain(codeOf(err))}.`)
    }
  }
  const probe = path.join(dir, `.write-test-${process.pid}`)
  try {
    const fd = fs.openSync(probe, 'w')
    try {
      fs.writeSync(fd, Buffer.alloc(64 * 1024))
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
      fs.rmSync(probe, { force: true })
    }
  } catch (err) {
    throw new StartupError(`Cannot write in the data folder ${dir}: ${explain(codeOf(err))}.`)
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return codeOf(err) === 'EPERM'
  }
}

/**
 * Takes `DATA_DIR/parsurvey.lock` (holding this pid) so that a second server on the same folder
 * refuses before it opens the database; a lock left by a process that is gone is taken over.
 * Returns the release function (call it on exit).
 */
export function lockDataDir(dir: string): () => void {
  const file = path.join(dir, LOCK_FILE)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' })
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file)
        } catch {
          // Already gone: nothing to release.
        }
      }
    } catch (err) {
      if (codeOf(err) !== 'EEXIST')
        throw new StartupError(`Cannot lock the data folder ${dir}: ${explain(codeOf(err))}.`)
    }
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10)
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
      throw new StartupError(
        `Another parsurvey server (process ${pid}) is already using the data folder ${dir}. ` +
          `Stop it first, or give this one another DATA_DIR. (If no such server runs, delete ${file}.)`,
      )
    }
    // Stale: its process is gone (a crash or kill -9). Take it over.
    fs.rmSync(file, { force: true })
  }
  throw new StartupError(`Cannot lock the data folder ${dir}: another process keeps taking ${file}.`)
}
