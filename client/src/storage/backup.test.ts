import { describe, expect, it } from 'vitest'
import { testDraft, testResponse, testSurvey } from '../test/fixtures.ts'
import { BackupError, backupFileName, exportBackup, importBackup, readBackup } from './backup.ts'
import { createDexieStorage } from './dexie-storage.ts'
import type { DeviceStore } from './storage.ts'

let dbCount = 0
const device = () => createDexieStorage(`backup-test-${++dbCount}`)
const now = new Date('2025-05-02T03:00:00Z')

/** A tablet with one draft and three finished responses of `owner`: one sent, one waiting, one in conflict. */
async function tabletWithWork(owner = 'surveyor'): Promise<DeviceStore> {
  const storage = device()
  const survey = testSurvey()
  await storage.saveSurveys(
    [{ id: survey.id, version: 1, year: 2025, unitKind: 'district', title: survey.title }],
    [survey],
  )
  await storage.saveDraft(testDraft({ owner, answers: { age: 'old' } }))
  const [sent, waiting, conflict] = [testResponse(), testResponse(), testResponse()]
  for (const r of [sent, waiting, conflict]) await storage.finishDraft(r, '2025-05-01T08:00:00.000+07:00', owner)
  await storage.recordSync(
    [],
    [
      { id: sent.id, state: 'sent' },
      { id: conflict.id, state: 'conflict', reason: { code: 'sync-conflict', message: 'x' } },
    ],
  )
  // Another user's work on the same tablet is not theirs to carry away.
  await storage.saveDraft(testDraft({ owner: 'someone-else' }))
  return storage
}

describe('backup file', () => {
  it('holds what the server has not confirmed, with the survey versions it needs', async () => {
    const backup = await exportBackup(await tabletWithWork(), 'surveyor', now)
    expect(backup.drafts).toHaveLength(1)
    expect(backup.responses).toHaveLength(2)
    expect(backup.surveys.map((s) => `${s.id}@${s.version}`)).toEqual(['demo-2025@1'])
    expect(backupFileName(backup)).toBe('parsurvey-backup-surveyor-2025-05-02-03-00.json')
  })

  it('round trip into a fresh device: drafts open, finished responses wait in its outbox, twice changes nothing', async () => {
    const text = JSON.stringify(await exportBackup(await tabletWithWork(), 'surveyor', now))
    const fresh = device()
    const first = await importBackup(fresh, await readBackup(text), 'surveyor', now)
    expect(first).toEqual({ drafts: 1, responses: 2, alreadyHere: 0 })
    expect(await fresh.countPending('surveyor')).toBe(2)
    expect((await fresh.drafts('surveyor'))[0]?.answers).toEqual({ age: 'old' })
    expect(await fresh.survey('demo-2025', 1)).toBeDefined()
    const again = await importBackup(fresh, await readBackup(text), 'surveyor', now)
    expect(again).toEqual({ drafts: 0, responses: 0, alreadyHere: 3 })
    expect(await fresh.outbox()).toHaveLength(2)
  })

  it('reads ids in upper case as the lower-case ids the server uses', async () => {
    const text = JSON.stringify(await exportBackup(await tabletWithWork(), 'surveyor', now)).replace(
      /"id":"([0-9a-f-]{36})"/g,
      (_, id: string) => `"id":"${id.toUpperCase()}"`,
    )
    const backup = await readBackup(text)
    const ids = [...backup.drafts, ...backup.responses].map((r) => r.id)
    expect(ids).toHaveLength(3)
    for (const id of ids) expect(id).toBe(id.toLowerCase())
  })

  it('imported back onto the device it came from, nothing is duplicated and sent responses stay sent', async () => {
    const tablet = await tabletWithWork()
    const before = await tablet.outbox()
    const outcome = await importBackup(
      tablet,
      await readBackup(JSON.stringify(await exportBackup(tablet, 'surveyor', now))),
      'surveyor',
      now,
    )
    expect(outcome.responses).toBe(0)
    expect(await tablet.outbox()).toEqual(before)
  })

  it('a finished copy in the file wins over the same questionnaire still a draft here', async () => {
    const tablet = device()
    const response = testResponse()
    await tablet.saveDraft(testDraft({ id: response.id, owner: 'surveyor' }))
    const file = {
      format: 'parsurvey-backup',
      version: 1,
      exportedAt: '',
      deviceId: 'd',
      username: 'surveyor',
      drafts: [],
      responses: [response],
      surveys: [],
    }
    await importBackup(tablet, await readBackup(JSON.stringify(file)), 'surveyor', now)
    expect(await tablet.draft(response.id)).toBeUndefined()
    expect((await tablet.outboxEntry(response.id))?.state).toBe('pending')
  })

  it('refuses a damaged file with a reason, before writing anything', async () => {
    const problem = async (text: string) =>
      readBackup(text).then(
        () => null,
        (e: unknown) => (e instanceof BackupError ? [e.problem, e.item] : e),
      )
    expect(await problem('{not json')).toEqual(['not-json', undefined])
    expect(await problem(JSON.stringify({ hello: 1 }))).toEqual(['wrong-format', undefined])
    const base = { format: 'parsurvey-backup', version: 1, drafts: [], responses: [], surveys: [] }
    expect(await problem(JSON.stringify({ ...base, version: 9 }))).toEqual(['newer-version', undefined])
    expect(
      await problem(JSON.stringify({ ...base, responses: [testResponse(), { ...testResponse(), id: 'nope' }] })),
    ).toEqual(['bad-response', 1])
    expect(await problem(JSON.stringify({ ...base, drafts: [{ id: 'x' }] }))).toEqual(['bad-draft', 0])
  })
})
