import { useAdminAction } from '../../components/admin/use-admin-action.ts'
import type { Survey } from '@parsurvey/shared'
import { ref, watch, type Ref } from 'vue'
import { useServices } from '../../services.ts'

type Key = { id: string; version: number }

/**
 * The steps of a score-input import page (self-assessment, adjustments): pick a survey, load its
 * current set and history, preview a chosen file row by row, apply it when it has no errors.
 */
export function useScoreInputImport<P extends { ok: boolean }, S>(calls: {
  state: (id: string, version: number) => Promise<S>
  preview: (id: string, version: number, file: File) => Promise<P>
  /** Applies the file; answers the number of the new set. */
  apply: (id: string, version: number, file: File) => Promise<number | null>
}) {
  const picked = ref<Key | null>(null)
  const survey = ref<Survey | null>(null)
  const state = ref<S | null>(null) as Ref<S | null>
  const file = ref<File | null>(null)
  const preview = ref<P | null>(null) as Ref<P | null>
  const busy = ref(false)
  const error = ref<string | null>(null)
  const applied = ref<number | null>(null)

  const { failure: message } = useAdminAction()

  async function loadState() {
    if (!picked.value) return
    const { id, version } = picked.value
    ;[survey.value, state.value] = await Promise.all([useServices().api.survey(id, version), calls.state(id, version)])
  }
  watch(picked, async () => {
    file.value = null
    preview.value = null
    applied.value = null
    try {
      await loadState()
    } catch (e) {
      error.value = message(e)
    }
  })

  async function run(step: () => Promise<void>) {
    busy.value = true
    error.value = null
    try {
      await step()
    } catch (e) {
      error.value = message(e)
    } finally {
      busy.value = false
    }
  }

  const choose = (chosen: File) =>
    run(async () => {
      if (!picked.value) return
      file.value = chosen
      preview.value = null
      applied.value = null
      preview.value = await calls.preview(picked.value.id, picked.value.version, chosen)
    })

  const apply = () =>
    run(async () => {
      if (!picked.value || !file.value || !preview.value?.ok) return
      applied.value = await calls.apply(picked.value.id, picked.value.version, file.value)
      preview.value = null
      file.value = null
      await loadState()
    })

  return { picked, survey, state, preview, busy, error, applied, choose, apply }
}
