import type { Survey } from '@parsurvey/shared'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { isoWithOffset } from '../format.ts'
import { serialAlreadyEntered } from '../questionnaire/paper-serial.ts'
import { useServices } from '../services.ts'
import type { Draft } from '../storage/storage.ts'
import { useSessionStore } from './session.ts'

export type DraftStart = {
  survey: Survey
  unitId: string
  groupId: string
  locationId: string | null
  channel: 'field' | 'paper'
  paperSerial?: string
}

/** Questionnaires started on this device by the signed-in user and not finished yet. */
export const useDraftsStore = defineStore('drafts', () => {
  const { storage, now } = useServices()
  const session = useSessionStore()
  const list = ref<Draft[]>([])

  async function load(): Promise<void> {
    const owner = session.user?.username
    list.value = owner ? await storage.drafts(owner) : []
  }

  /** Creates the draft, and with it the response id it will keep for ever. Returns that id. */
  async function begin(start: DraftStart): Promise<string> {
    const owner = session.user?.username
    if (!owner) throw new Error('a draft needs a signed-in user')
    const stamp = isoWithOffset(now())
    const draft: Draft = {
      id: crypto.randomUUID(),
      surveyId: start.survey.id,
      surveyVersion: start.survey.version,
      unitId: start.unitId,
      groupId: start.groupId,
      locationId: start.locationId,
      channel: start.channel,
      ...(start.channel === 'paper' && start.paperSerial ? { paperSerial: start.paperSerial.trim() } : {}),
      answers: {},
      startedAt: stamp,
      deviceId: await storage.deviceId(),
      cursor: 0,
      updatedAt: stamp,
      owner,
    }
    await storage.saveDraft(draft)
    await load()
    return draft.id
  }

  /** Whether this paper serial was already keyed in on this device for this survey (by anyone). */
  async function serialSeen(surveyId: string, serial: string): Promise<boolean> {
    const [drafts, outbox] = await Promise.all([storage.drafts(), storage.outbox()])
    return serialAlreadyEntered(serial, surveyId, drafts, outbox)
  }

  return { list, load, begin, serialSeen }
})
