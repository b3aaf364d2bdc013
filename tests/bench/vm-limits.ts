import fs from 'node:fs'
import path from 'node:path'

export const MEMORY_MB = 512
const CGROUP = '/sys/fs/cgroup/memory'

/**
 * One core and 512 MB, as a province's small VM: `taskset -c 0` (node then sees one CPU, so a
 * rebuild starts no workers) and, where this machine lets us (root, cgroup v1 memory
 * controller), a memory cgroup of 512 MB around the server; else `--max-old-space-size` bounds
 * the JavaScript heap only, and the report says which. The server joins the cgroup before node
 * starts (a shell writes its own pid, then execs), as in a container or a VM: node sizes its heap
 * from the memory it can see, so a process moved into the cgroup after start would size it for
 * the whole machine and be killed for garbage it never needed to keep.
 */
export function smallVm(): { how: string; wrap: string[]; nodeArgs: string[]; peakMb: () => number | null; remove: () => void } {
  const group = path.join(CGROUP, `parsurvey-bench-${process.pid}`)
  try {
    fs.mkdirSync(group)
    fs.writeFileSync(path.join(group, 'memory.limit_in_bytes'), String(MEMORY_MB * 2 ** 20))
    return {
      how: `taskset -c 0 + cgroup v1 memory.limit_in_bytes = ${MEMORY_MB} MB`,
      wrap: ['sh', '-c', `echo $$ > ${path.join(group, 'cgroup.procs')} && exec taskset -c 0 "$@"`, 'sh'],
      nodeArgs: [],
      peakMb: () => Number(fs.readFileSync(path.join(group, 'memory.max_usage_in_bytes'), 'utf8')) / 2 ** 20,
      remove: () => fs.rmdirSync(group),
    }
  } catch {
    return {
      how: `taskset -c 0 + --max-old-space-size=${MEMORY_MB - 128} (no writable memory cgroup here: the heap is bounded, not the process)`,
      wrap: ['taskset', '-c', '0'],
      nodeArgs: [`--max-old-space-size=${MEMORY_MB - 128}`],
      peakMb: () => null,
      remove: () => undefined,
    }
  }
}
