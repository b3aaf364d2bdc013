import { parseArgs } from 'node:util'
import { formatMessage } from '@parsurvey/shared'
import type { Survey } from '@parsurvey/shared'
import { rebuildAggregates, type RebuildResult } from '../aggregates/rebuild.ts'
import { aggregateStore } from '../storage/aggregate-store.ts'
import { openCommandDatabase, type CommandDatabase } from './database.ts'

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
  const opened = await openCommandDatabase('rebuild')
  if (!opened) return 1
  const { services } = opened
  try {
    let surveys: Survey[]
    if (values.survey !== undefined) {
      const found = await services.surveys.get(values.survey, Number(values.version))
      if (!found) {
        process.stderr.write(`${say('survey-not-found', { id: values.survey, version: values.version ?? '' })}\n`)
        return 1
      }
      surveys = [found.survey]
    } else {
      surveys = (await services.surveys.list()).map(({ survey }) => survey)
    }
    for (const survey of surveys) {
      const r = await rebuildOn(opened, survey)
      process.stdout.write(
        `${say('cli-rebuilt', { id: r.surveyId, version: r.surveyVersion, responses: r.responses })}\n`,
      )
    }
    return 0
  } finally {
    await opened.close()
  }
}

/** One version's rebuild, on the engine the server uses: one transaction each, recorded in the audit log. */
function rebuildOn({ services, backend }: CommandDatabase, survey: Survey): Promise<RebuildResult> {
  if (backend.engine === 'postgres') return aggregateStore(backend.storage).rebuild(survey)
  return Promise.resolve(rebuildAggregates(services, survey))
}
