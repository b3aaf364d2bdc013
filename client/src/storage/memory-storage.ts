import type { Survey } from '@parsurvey/shared'
import type { SurveySummary, User } from '../api/endpoints.ts'
import type { DeviceUser } from '../session/device-users.ts'
import type { SittingRecord } from '../sitting/record.ts'
import { plain } from './plain.ts'
import {
  visibleTo,
  type Draft,
  type OutboxEntry,
  type Receipt,
  type RespondentDraft,
  type DeviceStore,
} from './storage.ts'

/** The device store in plain maps, for tests of stores and components. Copies values in and out like IndexedDB. */
export function createMemoryStorage(): DeviceStore {
  let device: string | undefined
  let user: User | undefined
  let deviceUsers: DeviceUser[] = []
  let lastSync: string | undefined
  let surveyList: SurveySummary[] = []
  const definitions = new Map<string, Survey>()
  const drafts = new Map<string, Draft>()
  const outbox = new Map<string, OutboxEntry>()
  const receipts: Receipt[] = []
  const settings = new Map<string, unknown>()
  const respondents = new Map<string, RespondentDraft>()
  const sittings = new Map<string, SittingRecord>()
  const key = (id: string, version: number) => `${id}@${version}`
  const queued = () =>
    [...outbox.values()].sort((a, b) => (a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : 0))

  return {
    async deviceId() {
      device ??= crypto.randomUUID()
      return device
    },
    cachedUser: async () => (user ? plain(user) : undefined),
    async cacheUser(next) {
      user = next ? plain(next) : undefined
    },
    deviceUsers: async () => plain(deviceUsers),
    async saveDeviceUsers(users) {
      deviceUsers = plain(users)
    },
    async saveSurveys(list, defs) {
      surveyList = plain(list)
      for (const d of defs) definitions.set(key(d.id, d.version), plain(d))
    },
    surveys: async () => plain(surveyList),
    async survey(id, version) {
      const found = definitions.get(key(id, version))
      return found ? plain(found) : undefined
    },
    async addSurveys(defs) {
      for (const d of defs) definitions.set(key(d.id, d.version), plain(d))
    },
    async saveDraft(draft) {
      drafts.set(draft.id, plain(draft))
    },
    async draft(id) {
      const found = drafts.get(id)
      return found ? plain(found) : undefined
    },
    drafts: async (owner) =>
      plain([...drafts.values()].filter(visibleTo(owner)).sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))),
    async deleteDraft(id) {
      drafts.delete(id)
    },
    async finishDraft(response, queuedAt, owner) {
      if (!outbox.has(response.id)) {
        outbox.set(
          response.id,
          plain({ id: response.id, response, state: 'pending', queuedAt, attempts: 0, ...(owner ? { owner } : {}) }),
        )
      }
      drafts.delete(response.id)
    },
    outbox: async (owner) => plain(queued().filter(visibleTo(owner))),
    async outboxEntry(id) {
      const found = outbox.get(id)
      return found ? plain(found) : undefined
    },
    async enqueue(entry) {
      if (outbox.has(entry.id)) return false
      outbox.set(entry.id, plain(entry))
      return true
    },
    pending: async (limit, owner) =>
      plain(
        queued()
          .filter((e) => e.state === 'pending' && visibleTo(owner)(e))
          .slice(0, limit),
      ),
    countPending: async (owner) => queued().filter((e) => e.state === 'pending' && visibleTo(owner)(e)).length,
    async recordSync(newReceipts, updates) {
      receipts.push(...plain(newReceipts))
      for (const { id, state, reason } of updates) {
        const entry = outbox.get(id)
        if (entry) outbox.set(id, { ...entry, state, ...(reason ? { reason: plain(reason) } : { reason: undefined }) })
      }
    },
    async recordFailure(ids, reason) {
      for (const id of ids) {
        const entry = outbox.get(id)
        if (entry) outbox.set(id, { ...entry, attempts: entry.attempts + 1, reason: plain(reason) })
      }
    },
    receipts: async (id) => plain(receipts.filter((r) => r.id === id)),
    lastSyncAt: async () => lastSync,
    async setLastSyncAt(at) {
      lastSync = at
    },
    setting: async <T>(name: string) => (settings.has(name) ? (plain(settings.get(name)) as T) : undefined),
    async saveSetting(name, value) {
      settings.set(name, plain(value))
    },
    async respondentDraft(code) {
      const found = respondents.get(code)
      return found ? plain(found) : undefined
    },
    async saveRespondentDraft(draft) {
      respondents.set(draft.code, plain(draft))
    },
    async sitting(code) {
      const found = sittings.get(code)
      return found ? plain(found) : undefined
    },
    async saveSitting(record) {
      sittings.set(record.code, plain(record))
    },
    async forgetSitting(code) {
      sittings.delete(code)
    },
  }
}
