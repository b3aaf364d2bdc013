/**
 * A worker thread of `score` (score-threads.ts): reads the slices of the JSON Lines file it is
 * given, and counts each slice's valid responses once the main thread has named the duplicates.
 */
import type { Survey } from '@parsurvey/shared'
import { parentPort, workerData } from 'node:worker_threads'
import { ResponseCounter } from '../aggregates/response-counter.ts'
import { counterLayout } from '../aggregates/counter-layout.ts'
import { scoreChunk } from './score-chunk.ts'
import { oldSpaceCollector } from './score-collect.ts'
import { PendingSlices } from './score-pending.ts'
import type { ToWorker } from './score-threads.ts'

const layout = counterLayout((workerData as { data: { survey: Survey } }).data.survey)
const counter = new ResponseCounter(layout)
const pending = new PendingSlices()
const port = parentPort!
const collector = oldSpaceCollector()

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'chunk': {
      const slice = pending.open(message.seq)
      const bytes = Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength)
      const result = scoreChunk(layout, bytes, message.isFirst, message.isLast, slice, message.keys)
      // The buffers go back to be used again: no slice buffer is ever left for a collection.
      port.postMessage({ type: 'chunk', seq: message.seq, result, bytes: message.bytes }, [
        message.bytes.buffer as ArrayBuffer,
        result.keys.buffer as ArrayBuffer,
      ])
      break
    }
    case 'verdict':
      pending.commit(message.seq, counter, message.skip)
      collector.collectIfGrown()
      break
    case 'finish': {
      const data = counter.data()
      port.postMessage(
        { type: 'counter', data },
        data.blocks.flatMap((block) => (block ? [block.buffer as ArrayBuffer] : [])),
      )
      break
    }
    default:
      message satisfies never
  }
})
