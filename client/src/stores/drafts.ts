import type { Survey } from '@parsurvey/shared'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { isoWithOffset } from '../format.ts'
import { useServices } from '../services.ts'
import type { Draft } from '../storage/storage.ts'

export type DraftStart = {
  survey: Survey
  unitId: string
  groupId: string
  locationId: string | null
  channel: 'field' | 'paper'
  paperSerial?: string
}

/** Questionnaires started on this device and not finished yet. */
export const useDraftsStore = defineStore('drafts', () => {
  const { storage, now } = useServices()
  const list = ref<Draft[]>([])

  async function load(): Promise<void> {
    list.value = await storage.drafts()
  }

  /** Creates the draft, and with it the response id it will keep for ever. Returns that id. */
  async function begin(start: DraftStart): Promise<string> {
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
    }
    await storage.saveDraft(draft)
    await load()
    return draft.id
  }

  return { list, load, begin }
})
