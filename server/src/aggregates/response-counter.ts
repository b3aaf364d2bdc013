import {
  addResponse,
  emptyCell,
  emptyState,
  groupState,
  mergeStates,
  stateToRows,
  type Response,
  type ScoringRows,
  type ScoringState,
} from '@parsurvey/shared'
import { blockSize, type CounterLayout } from './counter-layout.ts'

/** A tally as it crosses a thread boundary: its blocks (transferable) and the odd responses. */
export type CounterData = { blocks: (Float64Array | null)[]; extra: Response[] }

/**
 * Integer counts of many responses, to become a scoring state at the end (`toState`). Counting
 * a response is a few array increments, against a Map walk and object writes per answer for
 * shared's `addResponse` — the CLI and a rebuild count a million responses. Counts are exact and
 * order-free, so tallies of slices of the input add up (`add`) to the tally of the whole.
 *
 * A response the layout cannot place (a unit, group or location not in the survey: never the
 * case for a validated response, kept exact anyway) goes through `addResponse` into `extra`.
 */
export class ResponseCounter {
  readonly blocks: (Float64Array | null)[]
  readonly extra: Response[] = []

  constructor(readonly layout: CounterLayout) {
    this.blocks = new Array<Float64Array | null>(layout.unitList.length * layout.groupList.length).fill(null)
  }

  block(index: number): Float64Array {
    let block = this.blocks[index]
    if (!block) {
      block = new Float64Array(blockSize(this.layout, Math.floor(index / this.layout.groupList.length)))
      this.blocks[index] = block
    }
    return block
  }

  /** Counts one validated response. */
  addResponse(response: Response): void {
    const { layout } = this
    const unit = layout.units.get(response.unitId)
    const group = layout.groups.get(response.groupId)
    const location = response.locationId ?? null
    const tallySlot =
      unit === undefined ? undefined : location === null ? layout.tallyStart : layout.locationSlots[unit]?.get(location)
    if (unit === undefined || group === undefined || tallySlot === undefined) {
      this.extra.push(response)
      return
    }
    const block = this.block(unit * layout.groupList.length + group)
    block[tallySlot]! += 1
    for (const questionId in response.answers) {
      const value = response.answers[questionId]
      if (typeof value !== 'string') continue
      // Like addResponse: answers to unknown questions, other types or unknown options count nothing.
      const slot = layout.optionSlots.get(questionId)?.get(value)
      if (slot !== undefined) block[slot]! += 1
    }
  }

  /** Adds another tally of the same survey (e.g. one counted by another thread). */
  add(other: CounterData): void {
    other.blocks.forEach((theirs, i) => {
      if (!theirs) return
      const mine = this.block(i)
      for (let s = 0; s < theirs.length; s++) mine[s]! += theirs[s]!
    })
    this.extra.push(...other.extra)
  }

  data(): CounterData {
    return { blocks: this.blocks, extra: this.extra }
  }

  /**
   * The scoring state of the counted responses: the state `addResponse` would build, with every
   * count, don't-know, option count and tally equal. `sum`/`sumSq` are Σ count × score over the
   * options in survey order — the sums scoring recomputes from the option counts anyway
   * (cell-stats.ts) — rather than a running sum, so they do not depend on the order of responses.
   */
  toState(): ScoringState {
    const { layout } = this
    const state = emptyState()
    const groups = layout.groupList.length
    this.blocks.forEach((block, index) => {
      if (!block) return
      const unit = layout.unitList[Math.floor(index / groups)]!
      const group = groupState(state, unit.id, layout.groupList[index % groups]!.id)
      if (block[layout.tallyStart]! > 0) group.responses.set(null, block[layout.tallyStart]!)
      unit.locations.forEach((location, i) => {
        const n = block[layout.tallyStart + 1 + i]!
        if (n > 0) group.responses.set(location.id, n)
      })
      for (const { question, first } of layout.choice) {
        const scored = question.criterion !== undefined
        let cell: ReturnType<typeof emptyCell> | undefined
        question.options.forEach((option, i) => {
          const n = block[first + i]!
          if (n === 0) return
          cell ??= emptyCell()
          cell.options[option.value] = n
          if (!scored) return
          const score = option.score ?? null
          if (score === null) {
            cell.dontKnow += n
          } else {
            cell.count += n
            cell.sum += n * score
            cell.sumSq += n * score * score
          }
        })
        if (cell) group.cells.set(question.id, cell)
      }
    })
    if (this.extra.length === 0) return state
    const extra = emptyState()
    for (const response of this.extra) addResponse(extra, layout.survey, response)
    return mergeStates(state, extra)
  }

  /**
   * The rows the aggregate tables hold for the counted responses. The state keeps an empty cell
   * beside the option counts of an unscored (profile) question; the tables hold cells of scored
   * questions only, on the incremental path and in a rebuild alike.
   */
  toRows(): ScoringRows {
    const rows = stateToRows(this.toState())
    rows.cells = rows.cells.filter((cell) => cell.count !== 0 || cell.dontKnow !== 0)
    return rows
  }
}
