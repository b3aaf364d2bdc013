import {
  DomainError,
  formatMessage,
  type Locale,
  responseIdKey,
  type ConflictPage,
  type PendingConflict,
  type Response,
  type ReviewedResponse,
  type ReviewPage,
  type ReviewReply,
} from '@parsurvey/shared'
import { Hono } from 'hono'
import { currentUser } from '../auth/middleware.ts'
import type { StoredConflict, StoredReview } from '../db/review.ts'
import { canAccessUnit } from '../db/users.ts'
import { readJson, requireObject } from '../http/body.ts'
import type { AppEnv } from '../http/context.ts'
import { positiveIntegerQuery } from '../http/query.ts'
import { parseReason, parseResolution } from '../review/review.ts'
import { surveyFromQuery } from './survey-param.ts'

const DEFAULT_PAGE = 50
const MAX_PAGE = 200

/** A reviewed response for the wire: bodies as objects, void and correction as they stand now. */
function present(r: StoredReview, locale: Locale): ReviewedResponse {
  const { id, surveyId, surveyVersion, unitId, groupId, locationId, channel, receivedAt, receivedBy } = r
  const correction = r.correction && {
    seq: r.correction.seq,
    conflictSeq: r.correction.conflictSeq,
    at: r.correction.at,
    by: r.correction.by,
    reason: r.correction.reason,
    response: JSON.parse(r.correction.body) as Response,
  }
  return {
    id,
    surveyId,
    surveyVersion,
    unitId,
    groupId,
    locationId,
    channel,
    receivedAt,
    receivedBy,
    response: JSON.parse(r.body) as Response,
    // A double-entry hold (paper/double-entry.ts) is a message code: shown in the reader's language.
    voided: r.void && {
      ...r.void,
      reason: r.void.reason.startsWith('paper-entry-') ? formatMessage(r.void.reason, {}, locale) : r.void.reason,
    },
    correction,
  }
}

const presentConflict = ({ body, hash, ...rest }: StoredConflict): PendingConflict => ({
  ...rest,
  hash,
  proposed: JSON.parse(body) as Response,
})

/**
 * Supervisor review. Raw responses: a surveyor sees those they sent, a supervisor those of their
 * units, admins and analysts all. Voids, restores and conflict resolutions: supervisors (their
 * units) and admins, each with a reason, audited.
 */
export const reviewRoutes = new Hono<AppEnv>()
  .get('/responses', async (c) => {
    const user = currentUser(c, ['admin', 'analyst', 'supervisor', 'surveyor'])
    const survey = await surveyFromQuery(c)
    const unitId = c.req.query('unitId') || undefined
    if (unitId && user.role === 'supervisor' && !canAccessUnit(user, unitId)) {
      throw new DomainError('review-unit-not-assigned', { status: 403, field: 'unitId', params: { unitId } })
    }
    const limit = Math.min(positiveIntegerQuery(c, 'limit') ?? DEFAULT_PAGE, MAX_PAGE)
    const page = await c.get('services').reviewReads.page({
      surveyId: survey.id,
      surveyVersion: survey.version,
      unitId,
      units: user.role === 'supervisor' ? user.units : 'all',
      receivedBy: user.role === 'surveyor' ? user.id : undefined,
      after: positiveIntegerQuery(c, 'cursor') ?? 0,
      limit,
    })
    const nextCursor = page.length === limit ? String(page.at(-1)!.cursor) : null
    return c.json({ responses: page.map((r) => present(r, c.get('locale'))), nextCursor } satisfies ReviewPage)
  })
  .post('/responses/:id/void', async (c) => {
    const user = currentUser(c, ['admin', 'supervisor'])
    const body = requireObject(await readJson(c))
    const id = responseIdKey(c.req.param('id'))
    const voided = await c.get('services').reviewActions.setVoided(user, id, true, parseReason(body.reason))
    return c.json({ response: present(voided, c.get('locale')) } satisfies ReviewReply)
  })
  .post('/responses/:id/restore', async (c) => {
    const user = currentUser(c, ['admin', 'supervisor'])
    const body = requireObject(await readJson(c))
    const id = responseIdKey(c.req.param('id'))
    const restored = await c.get('services').reviewActions.setVoided(user, id, false, parseReason(body.reason))
    return c.json({ response: present(restored, c.get('locale')) } satisfies ReviewReply)
  })
  .get('/conflicts', async (c) => {
    const user = currentUser(c, ['admin', 'analyst', 'supervisor'])
    const limit = Math.min(positiveIntegerQuery(c, 'limit') ?? DEFAULT_PAGE, MAX_PAGE)
    const conflicts = await c.get('services').reviewReads.pendingConflicts({
      units: user.role === 'supervisor' ? user.units : 'all',
      after: positiveIntegerQuery(c, 'cursor') ?? 0,
      limit,
    })
    const nextCursor = conflicts.length === limit ? String(conflicts.at(-1)!.seq) : null
    return c.json({ conflicts: conflicts.map(presentConflict), nextCursor } satisfies ConflictPage)
  })
  .post('/conflicts/:seq/resolve', async (c) => {
    const user = currentUser(c, ['admin', 'supervisor'])
    const seq = Number(c.req.param('seq'))
    if (!/^\d+$/.test(c.req.param('seq')) || !Number.isSafeInteger(seq)) {
      throw new DomainError('review-conflict-not-found', {
        status: 404,
        params: { seq: c.req.param('seq').slice(0, 20) },
      })
    }
    const body = requireObject(await readJson(c))
    const action = parseResolution(body.action)
    const settled = await c.get('services').reviewActions.resolveConflict(user, seq, action, parseReason(body.reason))
    return c.json({ response: present(settled, c.get('locale')) } satisfies ReviewReply)
  })
