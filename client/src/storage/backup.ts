import { responseIdKey, type Response, type Survey } from '@parsurvey/shared'
import { parseResponse, parseSurvey } from '../validation.ts'
import type { Draft, DeviceStore } from './storage.ts'

export const BACKUP_FORMAT = 'parsurvey-backup'
export const BACKUP_VERSION = 1

/**
 * Everything of one user the server has not confirmed yet: drafts, and finished responses that
 * are waiting or were refused, with the survey versions they need. A JSON file the surveyor can
 * carry to another device (or hand to a supervisor) when a tablet is failing.
 */
export type Backup = {
  format: typeof BACKUP_FORMAT
  version: number
  exportedAt: string
  deviceId: string
  username: string
  drafts: Draft[]
  responses: Response[]
  surveys: Survey[]
}

export type BackupProblem = 'not-json' | 'wrong-format' | 'newer-version' | 'bad-draft' | 'bad-response' | 'bad-survey'

/** A file that cannot be imported; `item` is the position of the faulty entry when there is one. */
export class BackupError extends Error {
  constructor(
    readonly problem: BackupProblem,
    readonly item?: number,
  ) {
    super(`backup ${problem}${item === undefined ? '' : ` at ${item}`}`)
    this.name = 'BackupError'
  }
}

export type ImportOutcome = { drafts: number; responses: number; alreadyHere: number }

export async function exportBackup(storage: DeviceStore, owner: string, now: Date): Promise<Backup> {
  const [drafts, outbox, deviceId] = await Promise.all([
    storage.drafts(owner),
    storage.outbox(owner),
    storage.deviceId(),
  ])
  const responses = outbox.filter((e) => e.state !== 'sent').map((e) => e.response)
  const needed = new Map<string, { id: string; version: number }>()
  for (const item of [...drafts, ...responses])
    needed.set(`${item.surveyId}@${item.surveyVersion}`, { id: item.surveyId, version: item.surveyVersion })
  const surveys: Survey[] = []
  for (const { id, version } of needed.values()) {
    const survey = await storage.survey(id, version)
    if (survey) surveys.push(survey)
  }
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    deviceId,
    username: owner,
    drafts,
    responses,
    surveys,
  }
}

export function backupFileName(backup: Pick<Backup, 'username' | 'exportedAt'>): string {
  const stamp = backup.exportedAt.slice(0, 16).replace(/[T:]/g, '-')
  return `parsurvey-backup-${backup.username.replace(/[^\w.-]/g, '_')}-${stamp}.json`
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A draft's answer as the questionnaire keeps it (what it means is checked when the response is finished). */
const isDraftAnswer = (a: unknown): boolean =>
  a === null ||
  typeof a === 'string' ||
  (typeof a === 'number' && Number.isFinite(a)) ||
  (Array.isArray(a) && a.every((item) => typeof item === 'string'))

function checkDraft(value: unknown, index: number): Draft {
  const ok =
    isObject(value) &&
    typeof value.id === 'string' &&
    /^[0-9a-f-]{36}$/i.test(value.id) &&
    typeof value.surveyId === 'string' &&
    Number.isInteger(value.surveyVersion) &&
    typeof value.unitId === 'string' &&
    typeof value.groupId === 'string' &&
    (value.locationId === null || typeof value.locationId === 'string') &&
    (value.channel === 'field' || value.channel === 'paper') &&
    isObject(value.answers) &&
    Object.values(value.answers).every(isDraftAnswer) &&
    typeof value.startedAt === 'string' &&
    typeof value.updatedAt === 'string' &&
    typeof value.deviceId === 'string' &&
    Number.isInteger(value.cursor)
  if (!ok) throw new BackupError('bad-draft', index)
  // The id the finished response will carry (responses are parsed, which lower-cases their ids).
  return { ...value, id: responseIdKey(value.id as string) } as Draft
}

/** Checks the whole file before anything is written: a half-imported file helps no one. */
export async function readBackup(text: string): Promise<Backup> {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new BackupError('not-json')
  }
  if (
    !isObject(data) ||
    data.format !== BACKUP_FORMAT ||
    !Array.isArray(data.drafts) ||
    !Array.isArray(data.responses)
  ) {
    throw new BackupError('wrong-format')
  }
  if (typeof data.version !== 'number' || data.version > BACKUP_VERSION) throw new BackupError('newer-version')
  const drafts = data.drafts.map(checkDraft)
  const responses: Response[] = []
  for (const [index, item] of data.responses.entries()) {
    try {
      responses.push(await parseResponse(item))
    } catch {
      throw new BackupError('bad-response', index)
    }
  }
  const surveys: Survey[] = []
  for (const [index, item] of (Array.isArray(data.surveys) ? data.surveys : []).entries()) {
    try {
      surveys.push(await parseSurvey(item))
    } catch {
      throw new BackupError('bad-survey', index)
    }
  }
  return {
    format: BACKUP_FORMAT,
    version: data.version,
    exportedAt: String(data.exportedAt ?? ''),
    deviceId: String(data.deviceId ?? ''),
    username: String(data.username ?? ''),
    drafts,
    responses,
    surveys,
  }
}

/**
 * Adds a backup to this device for `owner`. Ids decide: a response already in the outbox (sent
 * or not) is left as it is, a draft already finished here is skipped, and of two copies of a draft
 * the one changed last is kept. Importing the same file twice changes nothing.
 */
export async function importBackup(
  storage: DeviceStore,
  backup: Backup,
  owner: string,
  now: Date,
): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { drafts: 0, responses: 0, alreadyHere: 0 }
  await storage.addSurveys(backup.surveys)
  for (const response of backup.responses) {
    const added = await storage.enqueue({
      id: response.id,
      response,
      state: 'pending',
      queuedAt: now.toISOString(),
      attempts: 0,
      owner,
    })
    if (added) outcome.responses += 1
    else outcome.alreadyHere += 1
    // The finished copy wins over a draft of the same questionnaire left on this device.
    if (await storage.draft(response.id)) await storage.deleteDraft(response.id)
  }
  for (const draft of backup.drafts) {
    const here = await storage.draft(draft.id)
    if ((await storage.outboxEntry(draft.id)) || (here && here.updatedAt >= draft.updatedAt)) {
      outcome.alreadyHere += 1
      continue
    }
    await storage.saveDraft({ ...draft, owner })
    outcome.drafts += 1
  }
  return outcome
}
