import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { createApi } from '../api/endpoints.ts'
import { createHttp, type FetchFn } from '../api/http.ts'
import { provideServices } from '../services.ts'
import { createDexieStorage } from '../storage/dexie-storage.ts'
import { testSurvey } from '../test/fixtures.ts'
import { useSurveysStore } from './surveys.ts'

let dbCount = 0
let release: () => void = () => {}
const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })

/** The server's survey API, holding its answers until `release()` (a slow network after log-in). */
const fetch: FetchFn = async (url) => {
  await new Promise<void>((resolve) => (release = resolve))
  const survey = testSurvey()
  if (url.endsWith('/api/surveys')) {
    return json({
      surveys: [
        {
          id: survey.id,
          version: survey.version,
          year: survey.year,
          unitKind: survey.unitKind,
          title: survey.title,
          hash: 'h',
          publishedAt: '2025-05-01T00:00:00.000Z',
        },
      ],
    })
  }
  return json(survey)
}

beforeEach(() => {
  setActivePinia(createPinia())
  provideServices({
    storage: createDexieStorage(`surveys-test-${++dbCount}`),
    api: createApi(createHttp({ fetch, locale: () => 'vi' })),
    now: () => new Date(),
  })
})

describe('surveys store', () => {
  it('says it is downloading while the list and definitions are on their way, and stops once they are stored', async () => {
    const surveys = useSurveysStore()
    const done = surveys.refresh()
    expect(surveys.refreshing).toBe(true)
    expect(surveys.list).toEqual([])
    for (let i = 0; i < 20 && surveys.refreshing; i++) {
      release()
      await new Promise((r) => setTimeout(r, 5))
    }
    await done
    expect(surveys.refreshing).toBe(false)
    expect(surveys.list.map((s) => s.id)).toEqual([testSurvey().id])
    expect(surveys.refreshFailed).toBe(false)
  })
})
