import type { Context } from 'hono'
import { Hono } from 'hono'
import { openCode, submitWithCode, type Lookup } from '../codes/respond.ts'
import { readJson, requireObject } from '../http/body.ts'
import type { AppEnv } from '../http/context.ts'
import { refuseForNow } from '../http/errors.ts'
import { findRespondent, openSitting, saveSittingDraft, submitSittingUnit } from '../register/sitting.ts'
import { DomainError, type RespondOpenReply, type SittingDraftSaved, type SyncResult } from '@parsurvey/shared'

/**
 * A code lookup reserved for the caller's IP (429 with Retry-After when it has guessed too
 * often). Taken before the body is read, and its check and count are one step (in memory, or
 * one upsert in the database on PostgreSQL), so parallel requests cannot all pass the check.
 */
async function reserveLookup(c: Context<AppEnv>): Promise<Lookup> {
  const attempt = await c.get('services').codeLookups.reserve(c.get('client').ip)
  if (!attempt.ok) refuseForNow(c, 'code-rate-limited', attempt.retryAfterSeconds)
  return attempt
}

/** The person on the register whose personal code is in the path, or 404. */
async function registeredPerson(c: Context<AppEnv>, lookup: Lookup) {
  const person = await findRespondent(c.get('services'), c.req.param('code') ?? '', lookup)
  if (!person) throw new DomainError('code-not-found', { status: 404, field: 'code' })
  return person
}

/**
 * Respondents with a one-time access code, no account: open the questionnaire (`GET`) and send
 * the answers (`POST`). Answers carry no cookie and are never cached.
 */
export const respondRoutes = new Hono<AppEnv>()
  .use(async (c, next) => {
    c.header('Cache-Control', 'no-store')
    await next()
  })
  .get('/:code', async (c) => {
    const services = c.get('services')
    const lookup = await reserveLookup(c)
    // A personal code of the respondent register (several units), else a one-time access code.
    const person = await findRespondent(services, c.req.param('code'), lookup)
    const reply = person ? await openSitting(services, person) : await openCode(services, c.req.param('code'), lookup)
    return c.json(reply satisfies RespondOpenReply)
  })
  .post('/:code/units/:unitId', async (c) => {
    const services = c.get('services')
    const lookup = await reserveLookup(c)
    const body = requireObject(await readJson(c))
    const person = await registeredPerson(c, lookup)
    const receipt = await submitSittingUnit(services, person, c.req.param('unitId'), body, c.get('locale'))
    return c.json(receipt satisfies SyncResult, receipt.status === 'stored' ? 201 : 200)
  })
  .put('/:code/units/:unitId/draft', async (c) => {
    const services = c.get('services')
    const lookup = await reserveLookup(c)
    const body = requireObject(await readJson(c))
    const person = await registeredPerson(c, lookup)
    return c.json((await saveSittingDraft(services, person, c.req.param('unitId'), body)) satisfies SittingDraftSaved)
  })
  .post('/:code', async (c) => {
    const lookup = await reserveLookup(c)
    const body = requireObject(await readJson(c))
    const receipt = await submitWithCode(c.get('services'), c.req.param('code'), body, lookup, c.get('locale'))
    return c.json(receipt satisfies SyncResult, receipt.status === 'stored' ? 201 : 200)
  })
