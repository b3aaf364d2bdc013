import { describe, expect, it } from 'vitest'
import { makeSurvey } from '../survey/fixtures.ts'
import { generateResponses } from './generate.ts'
import type { Response } from './schema.ts'
import { validateResponse } from './validate.ts'

const survey = makeSurvey()
const take = (count: number, seed: number | string): Response[] => [...generateResponses(survey, count, seed)]

describe('generateResponses', () => {
  it('gives the same responses for the same seed and different ones for another seed', () => {
    expect(take(50, 'demo')).toEqual(take(50, 'demo'))
    expect(take(5, 'demo')).not.toEqual(take(5, 'other'))
  })

  it('makes responses that all pass validateResponse', () => {
    for (const response of take(2000, 7)) {
      const result = validateResponse(survey, response)
      expect(result.ok ? [] : result.issues).toEqual([])
    }
  })

  it('also makes valid responses when a group is surveyed per location', () => {
    const perLocation = makeSurvey()
    perLocation.units.forEach((unit, i) => {
      if (unit.locations.length === 0) unit.locations.push({ id: `xa-${i}-1`, name: { vi: 'Xã', en: 'Commune' } })
    })
    const citizen = perLocation.groups[1]
    if (citizen) citizen.quotaPer = 'location'
    for (const response of generateResponses(perLocation, 500, 3)) {
      expect(response.locationId).not.toBeNull()
      expect(validateResponse(perLocation, response).ok).toBe(true)
    }
  })

  it('gives every response its own UUID v4', () => {
    const ids = take(5000, 1).map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('answers only the questions asked of the respondent group', () => {
    for (const response of take(500, 2)) {
      const asked = new Set(survey.questions.filter((q) => q.groups.includes(response.groupId)).map((q) => q.id))
      expect(Object.keys(response.answers).every((id) => asked.has(id))).toBe(true)
    }
  })

  it("has about 5% don't-know among scored answers, and blanks on paper only (where a required question may be blank)", () => {
    const scored = new Set(survey.questions.filter((q) => q.criterion).map((q) => q.id))
    let asked = 0
    let dontKnow = 0
    let blank = 0
    for (const response of take(4000, 11)) {
      for (const q of survey.questions) {
        if (!scored.has(q.id) || !q.groups.includes(response.groupId)) continue
        asked++
        const answer = response.answers[q.id]
        if (answer === 'dont-know') dontKnow++
        if (answer === undefined || answer === null) {
          blank++
          expect(response.channel).toBe('paper')
        }
      }
    }
    // Blanks that field and online forms may not leave are don't-knows instead.
    expect(dontKnow / asked).toBeGreaterThan(0.05)
    expect(dontKnow / asked).toBeLessThan(0.1)
    expect(blank / asked).toBeGreaterThan(0.001)
    expect(blank / asked).toBeLessThan(0.01)
  })

  it('leaves most text questions blank', () => {
    const answered = take(2000, 5).filter((r) => typeof r.answers.comment === 'string').length
    expect(answered / 2000).toBeLessThan(0.25)
    expect(answered).toBeGreaterThan(0)
  })

  it('gives units different quality so their mean scores differ', () => {
    const score = new Map(survey.questions[0]?.options.map((o) => [o.value, o.score]))
    const sums = new Map<string, { sum: number; n: number }>()
    for (const response of take(4000, 'rank')) {
      const s = score.get(String(response.answers.q1 ?? ''))
      if (typeof s !== 'number') continue
      const cell = sums.get(response.unitId) ?? { sum: 0, n: 0 }
      sums.set(response.unitId, { sum: cell.sum + s, n: cell.n + 1 })
    }
    const means = [...sums.values()].map((c) => c.sum / c.n)
    expect(means).toHaveLength(2)
    expect(Math.abs((means[0] ?? 0) - (means[1] ?? 0))).toBeGreaterThan(0.02)
  })

  it('uses all three channels, and only paper responses carry a serial', () => {
    const responses = take(1000, 9)
    expect(new Set(responses.map((r) => r.channel))).toEqual(new Set(['field', 'online', 'paper']))
    for (const r of responses) expect(r.paperSerial !== undefined).toBe(r.channel === 'paper')
  })

  it('dates responses within the survey year, submitted after started', () => {
    for (const r of take(1000, 4)) {
      expect(r.startedAt.startsWith('2025-')).toBe(true)
      expect(Date.parse(r.submittedAt)).toBeGreaterThan(Date.parse(r.startedAt))
    }
  })

  it('dates every response inside the round and not after now, even while the round is under way', () => {
    const during = { ...makeSurvey(), year: 2026, round: { opens: '2026-10-01', closes: '2026-12-20' } }
    const now = new Date('2026-11-15T03:00:00Z')
    const from = Date.parse('2026-10-01T00:00:00+07:00')
    for (const r of generateResponses(during, 1500, 'window', { now })) {
      expect(Date.parse(r.startedAt)).toBeGreaterThanOrEqual(from)
      expect(Date.parse(r.submittedAt)).toBeLessThanOrEqual(now.getTime())
      expect(Date.parse(r.submittedAt)).toBeGreaterThan(Date.parse(r.startedAt))
    }
  })

  it('keeps a whole past round, up to the end of its closing day', () => {
    const past = { ...makeSurvey(), round: { opens: '2025-10-01', closes: '2025-10-02' } }
    const times = [...generateResponses(past, 300, 'short', { now: new Date('2026-01-01') })].map((r) =>
      Date.parse(r.submittedAt),
    )
    expect(Math.max(...times)).toBeLessThanOrEqual(Date.parse('2025-10-02T23:59:59+07:00'))
    expect(times.some((t) => t > Date.parse('2025-10-02T00:00:00+07:00'))).toBe(true)
  })

  it('gives different ids to different surveys and versions with the same seed', () => {
    const ids = (s: typeof survey) => [...generateResponses(s, 50, 'same')].map((r) => r.id)
    const first = new Set(ids(survey))
    for (const other of [
      { ...survey, id: 'other-survey' },
      { ...survey, version: survey.version + 1 },
    ])
      expect(ids(other).filter((id) => first.has(id))).toEqual([])
    expect(ids(survey)).toEqual([...first])
  })
})
