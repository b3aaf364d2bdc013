import { describe, expect, it } from 'vitest'
import { generateResponses } from '../response/generate.ts'
import { makeSurvey } from '../survey/fixtures.ts'
import { addResponse, removeResponse } from './accumulate.ts'
import { responseContributions } from './contributions.ts'
import { applyRows, stateToRows } from './rows.ts'
import { emptyState } from './state.ts'

const survey = makeSurvey()

describe('addResponse', () => {
  it('gives bit for bit the state of applying the response contributions', () => {
    const direct = emptyState()
    const viaRows = emptyState()
    for (const response of generateResponses(survey, 2000, 'accumulate')) {
      addResponse(direct, survey, response)
      applyRows(viaRows, responseContributions(survey, response), 1)
    }
    const sorted = (rows: ReturnType<typeof stateToRows>) => ({
      cells: [...rows.cells].sort((a, b) =>
        `${a.unitId}|${a.groupId}|${a.questionId}`.localeCompare(`${b.unitId}|${b.groupId}|${b.questionId}`),
      ),
      options: [...rows.options].sort((a, b) =>
        `${a.unitId}|${a.groupId}|${a.questionId}|${a.value}`.localeCompare(
          `${b.unitId}|${b.groupId}|${b.questionId}|${b.value}`,
        ),
      ),
      tallies: [...rows.tallies].sort((a, b) =>
        `${a.unitId}|${a.groupId}|${a.locationId}`.localeCompare(`${b.unitId}|${b.groupId}|${b.locationId}`),
      ),
    })
    expect(sorted(stateToRows(direct))).toEqual(sorted(stateToRows(viaRows)))
  })

  it('is undone exactly by removeResponse', () => {
    const state = emptyState()
    const responses = [...generateResponses(survey, 50, 'undo')]
    for (const response of responses) addResponse(state, survey, response)
    for (const response of responses) removeResponse(state, survey, response)
    expect(state.units.size).toBe(0)
  })
})
