import { benchSurvey, fillDatabase } from './data.ts'
import { repeat } from './harness.ts'
import { download, processRssMb, sampleRss, startBenchServer } from './server.ts'

export type ExportRun = { rows: number; bytes: number; firstByteMs: number; seconds: number; rssGrowthMb: number }

/**
 * Fills a database with `responses`, starts the real server on it and downloads
 * `/api/exports/<file>` `runs` times as the admin, sampling the server's RSS meanwhile.
 */
export async function measureExport(dataDir: string, file: string, responses: number, runs: number, log: (line: string) => void): Promise<ExportRun[]> {
  const survey = benchSurvey()
  const { answers } = fillDatabase(dataDir, survey, responses)
  log(`${responses.toLocaleString('en-US')} responses, ${answers.toLocaleString('en-US')} answers stored`)
  const server = await startBenchServer(dataDir, survey)
  try {
    const cookie = await server.cookie('admin')
    const url = `${server.url}/api/exports/${file}?surveyId=${survey.id}&version=${survey.version}`
    return await repeat(runs, async () => {
      const base = processRssMb(server.pid)
      const rss = sampleRss(server.pid)
      const got = await download(url, cookie)
      const peak = rss.stop()
      if (got.status !== 200) throw new Error(`${file} answered ${got.status}`)
      return { rows: got.lines - 1, bytes: got.bytes, firstByteMs: got.firstByteMs, seconds: got.ms / 1000, rssGrowthMb: peak - base }
    })
  } finally {
    await server.stop()
  }
}
