import { ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useAnalysisApi, type ExplainReply, type SurveyKey } from '../../api/analysis.ts'
import { failureText } from './analysis-context.ts'

/** Loads `/api/scores/explain` for the chosen round and unit whenever either changes. */
export function useExplanation(key: Ref<SurveyKey | null>, unitId: Ref<string | null | undefined>) {
  const { t } = useI18n()
  const api = useAnalysisApi()
  const reply = ref<ExplainReply | null>(null)
  const error = ref<string | null>(null)
  watch(
    [key, unitId],
    async ([picked, unit]) => {
      reply.value = null
      error.value = null
      if (!picked || !unit) return
      try {
        reply.value = await api.explain(picked, unit)
      } catch (e) {
        error.value = failureText(e, t)
      }
    },
    { immediate: true },
  )
  return { reply, error }
}
