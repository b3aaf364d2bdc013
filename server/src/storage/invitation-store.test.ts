import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invitationsRepository, STALE_CLAIM_MS, type InvitationsRepository } from '../db/invitations.ts'
import type { RespondentFields } from '../db/respondents.ts'
import { addAdmin, portEngines, type PortCase } from '../testing/port-engines.ts'
import { auditStore } from './audit-store.ts'
import type { Async } from './backend.ts'
import { invitationStore } from './invitation-store.ts'
import { respondentStore } from './respondent-store.ts'

const SURVEY = 'danh-gia-so-nganh'
const NOW = new Date('2025-10-01T08:00:00.000Z')
const person = (i: number, email: boolean): RespondentFields => ({
  name: `Đại biểu ${i}`,
  position: '',
  organisation: 'HĐND tỉnh',
  groupId: 'delegate',
  ownUnitId: null,
  email: email ? `db${i}@example.vn` : null,
  phone: email ? null : `09123456${String(i).padStart(2, '0')}`,
  units: ['so-y-te'],
})
const later = (ms: number) => new Date(NOW.getTime() + ms)

describe.each(portEngines(invitationsRepository, invitationStore))('invitations on $name', (variant) => {
  let opened: PortCase<Async<InvitationsRepository>>
  let ids: number[]
  beforeEach(async () => {
    opened = await variant.open()
    await addAdmin(opened.storage, 1)
    const people = respondentStore(opened.storage)
    ids = []
    for (let i = 1; i <= 6; i++)
      ids.push(await people.add(SURVEY, person(i, i <= 5), { hash: `h${i}`, sealed: 's' }, NOW.toISOString()))
  })
  afterEach(() => opened.drop())

  it('claims the people due a mail once, records how each send ended, and reminds the unfinished later', async () => {
    const invitations = opened.port
    expect(await invitations.due(SURVEY, 'invite', NOW)).toEqual({ ids: ids.slice(0, 5), noEmail: 1 })
    const claims = await invitations.claim(SURVEY, 'invite', 1, NOW)
    expect(claims.map((c) => c.respondentId)).toEqual(ids.slice(0, 5))
    expect(await invitations.claim(SURVEY, 'invite', 1, NOW)).toEqual([])
    const outcomes = ['sent', 'sent', 'bounced', 'failed', 'sent'] as const
    for (const [i, claim] of claims.entries()) {
      const status = outcomes[i]!
      const error = status === 'sent' ? null : `550 no such user ${i}`
      const done = { ...claim, surveyId: SURVEY, kind: 'invite' as const, status, error, userId: 1 }
      expect(await invitations.finish(done, later(1000))).toBe(true)
    }
    // The bounced and the failed are due again; nobody else.
    expect((await invitations.due(SURVEY, 'invite', later(3000))).ids).toEqual([ids[2], ids[3]])
    const trails = await invitations.trails(SURVEY)
    expect(trails.get(ids[0]!)).toMatchObject({ invitedAt: later(1000).toISOString(), invitedChannel: 'email' })
    expect(trails.get(ids[2]!)).toMatchObject({ invitedAt: null, bounceError: '550 no such user 2' })
    // Reminders: invited, not finished, not reminded within the gap.
    expect((await invitations.due(SURVEY, 'remind', later(5000))).ids).toEqual([ids[0], ids[1], ids[4]])
    const reminders = await invitations.claim(SURVEY, 'remind', 1, later(5000))
    for (const claim of reminders)
      await invitations.finish({ ...claim, surveyId: SURVEY, kind: 'remind', status: 'sent', error: null, userId: 1 })
    expect((await invitations.due(SURVEY, 'remind', later(6000))).ids).toEqual([])
    const actions = (await auditStore(opened.storage.db).list()).map((e) => e.action)
    expect(actions.filter((a) => a === 'invitation-sent')).toHaveLength(6)
  })

  it('takes a claim left in flight by a stopped server as failed once it is stale', async () => {
    const [first] = await opened.port.claim(SURVEY, 'invite', null, NOW)
    expect(await opened.port.claim(SURVEY, 'invite', null, later(1000))).toEqual([])
    const again = await opened.port.claim(SURVEY, 'invite', null, later(STALE_CLAIM_MS + 1))
    expect(again.map((c) => c.respondentId)).toEqual(ids.slice(0, 5))
    const done = {
      ...first!,
      surveyId: SURVEY,
      kind: 'invite' as const,
      status: 'sent' as const,
      error: null,
      userId: null,
    }
    expect(await opened.port.finish(done)).toBe(false)
  })

  it('splits the people between two servers claiming at once: each is claimed once', async () => {
    const second = await opened.second()
    const claims = await Promise.all(
      [opened.port, second, opened.port, second].map((p) => p.claim(SURVEY, 'invite', 1, NOW)),
    )
    const claimed = claims.flat().map((c) => c.respondentId)
    expect(claimed.sort((a, b) => a - b)).toEqual(ids.slice(0, 5))
  })

  it('records hand-overs once per channel with their audit entries, and texts with the text before', async () => {
    const second = await opened.second()
    const marked = await Promise.all([
      opened.port.handOver(SURVEY, [ids[0]!, ids[5]!, 999], 'letter', 1, NOW),
      second.handOver(SURVEY, [ids[5]!, ids[0]!], 'letter', 1, NOW),
    ])
    expect(marked.flat().sort((a, b) => a - b)).toEqual([ids[0], ids[5]])
    expect(await opened.port.handOver(SURVEY, [ids[0]!], 'message', 1, NOW)).toEqual([ids[0]])
    expect((await opened.port.trails(SURVEY)).get(ids[0]!)?.handedOver.map((h) => h.channel)).toEqual([
      'letter',
      'message',
    ])
    expect(await opened.port.text(SURVEY, 'invite')).toBeUndefined()
    const first = { subject: 'Kính mời Ông/Bà', body: 'Xin mời {name} tham gia: {link}' }
    const next = { subject: 'Kính mời Ông/Bà tham gia', body: 'Xin mời {name}: {link}' }
    await opened.port.saveText(SURVEY, 'invite', first, 1, NOW)
    await second.saveText(SURVEY, 'invite', next, 1, NOW)
    expect(await opened.port.text(SURVEY, 'invite')).toEqual(next)
    const entries = await auditStore(opened.storage.db).list()
    expect(entries.filter((e) => e.action === 'invitation-handed-over')).toHaveLength(3)
    expect(entries.filter((e) => e.action === 'invitation-text-change').map((e) => [e.before, e.after])).toEqual([
      [first, next],
      [null, first],
    ])
  })
})
