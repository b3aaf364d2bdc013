import type { Survey } from '@parsurvey/shared'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { SurveySummary } from '../api/endpoints.ts'
import { useServices } from '../services.ts'
import { parseSurvey } from '../validation.ts'

/** Published surveys, cached on the device with their full definitions so they work offline. */
export const useSurveysStore = defineStore('surveys', () => {
  const { api, storage } = useServices()
  const list = ref<SurveySummary[]>([])
  const refreshFailed = ref(false)
  /** A refresh is under way: the list on screen may still grow (say so rather than "none"). */
  const refreshing = ref(false)

  async function load(): Promise<void> {
    list.value = await storage.surveys()
  }

  /** Fetches the list and any definition not cached yet (a version never changes once published). */
  async function refresh(): Promise<void> {
    refreshing.value = true
    try {
      const { surveys } = await api.surveys()
      const definitions: Survey[] = []
      for (const summary of surveys) {
        const cached = await storage.survey(summary.id, summary.version)
        definitions.push(cached ?? (await parseSurvey(await api.survey(summary.id, summary.version))))
      }
      await storage.saveSurveys(surveys, definitions)
      list.value = surveys
      refreshFailed.value = false
    } catch {
      refreshFailed.value = true
    } finally {
      refreshing.value = false
    }
  }

  /** Tries again after a failed refresh, so "could not load the list" goes once the server answers. */
  async function refreshIfFailed(): Promise<void> {
    if (refreshFailed.value && !refreshing.value) await refresh()
  }

  function definition(id: string, version: number): Promise<Survey | undefined> {
    return storage.survey(id, version)
  }

  return { list, refreshFailed, refreshing, load, refresh, refreshIfFailed, definition }
})
