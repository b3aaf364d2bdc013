import { parseArgs } from 'node:util'
import { formatMessage } from '@parsurvey/shared'
import { rebuildAggregates, rebuildAllAggregates, type RebuildResult } from '../aggregates/rebuild.ts'
import { openServerDatabase } from './database.ts'

const say = (code: string, params: Record<string, string | number> = {}) => formatMessage(code, params, 'en')

/**
 * `pnpm parsurvey rebuild [--survey id --version v]`: recomputes the aggregate tables from the
 * stored (effective) responses, one transaction per survey version; all versions by default.
 */
export async function run(args: string[]): Promise<number> {
  let values: { survey?: string | undefined; version?: string | undefined }
  try {
    values = parseArgs({ args, options: { survey: { type: 'string' }, version: { type: 'string' } } }).values
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${say('cli-rebuild-usage')}\n`)
    return 1
  }
  if ((values.survey === undefined) !== (values.version === undefined)) {
    process.stderr.write(`${say('cli-rebuild-usage')}\n`)
    return 1
  }
  const services = openServerDatabase('rebuild')
  if (!services) return 1
  try {
    let results: RebuildResult[]
    if (values.survey !== undefined) {
      const found = services.sqlite.surveys.get(values.survey, Number(values.version))
      if (!found) {
        process.stderr.write(`${say('survey-not-found', { id: values.survey, version: values.version ?? '' })}\n`)
        return 1
      }
      results = [rebuildAggregates(services, found.survey)]
    } else {
      results = rebuildAllAggregates(services)
    }
    for (const r of results)
      process.stdout.write(
        `${say('cli-rebuilt', { id: r.surveyId, version: r.surveyVersion, responses: r.responses })}\n`,
      )
    return 0
  } finally {
    services.db.close()
  }
}
