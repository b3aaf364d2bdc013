import { describe, expect, it } from 'vitest'
import type { UnitScore } from '../scoring/score.ts'
import { makeSurvey } from '../survey/fixtures.ts'
import { provinceAverage } from './province.ts'

const score = (
  unitId: string,
  responses: number,
  surveyPoints: number,
  criteria: Record<string, number>,
): UnitScore => ({
  unitId,
  responses,
  surveyPoints,
  surveyPointsRounded: surveyPoints,
  selfAssessment: null,
  adjustments: 0,
  total: null,
  classification: null,
  rank: 1,
  criteria,
  flags: [],
})

describe('the province average', () => {
  const survey = makeSurvey()
  const scores = (units: UnitScore[]) => ({ surveyId: survey.id, surveyVersion: survey.version, units })

  it('averages over the units that have responses only, a domain being the sum of its leaves', () => {
    const average = provinceAverage(
      survey,
      scores([
        score('huyen-a', 10, 20, { '1.1': 8, '1.2': 4, '2.1': 8 }),
        score('huyen-b', 10, 10, { '1.1': 2, '1.2': 2, '2.1': 6 }),
        score('huyen-c', 0, 0, { '1.1': 0, '1.2': 0, '2.1': 0 }),
      ]),
    )
    expect(average).toEqual({
      units: 2,
      surveyPoints: 15,
      criteria: { '1': 8, '1.1': 5, '1.2': 3, '2': 7, '2.1': 7 },
    })
  })

  it('says nothing about a province where no unit has responses yet', () => {
    const average = provinceAverage(survey, scores([score('huyen-a', 0, 0, { '1.1': 0 })]))
    expect(average.surveyPoints).toBeNull()
    expect(average.units).toBe(0)
  })
})
