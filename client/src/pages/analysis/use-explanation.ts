import { computed, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useAnalysisApi, type ExplainReply, type SurveyKey } from '../../api/analysis.ts'
import { localized } from '../../i18n/index.ts'
import { failureText, surveyParam, useAnalysis } from './analysis-context.ts'

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

/**
 * The unit pages' common state (explanation and summary): the chosen round, the unit's
 * explanation, its display name and the query that keeps the round when moving between them.
 */
export function useUnitExplanation(unitId: () => string) {
  const analysis = useAnalysis()
  const { reply, error } = useExplanation(analysis.key, computed(unitId))
  const query = computed((): Record<string, string> =>
    analysis.key.value ? { survey: surveyParam(analysis.key.value) } : {},
  )
  const unitName = computed(() => {
    const unit = analysis.survey.value?.units.find((u) => u.id === unitId())
    return unit ? localized(unit.name) : unitId()
  })
  return { ...analysis, reply, error, query, unitName }
}
