import type { Survey } from '@parsurvey/shared'
import { inject, provide, type ComputedRef, type InjectionKey, type Ref } from 'vue'
import type { SurveyKey } from '../../api/analysis.ts'
import type { Role, SurveySummary } from '../../api/endpoints.ts'
import { ApiError, NetworkError } from '../../api/http.ts'

/**
 * The entries of the analysis navigation, in order. Another view joins the menu by adding one
 * item here (and its route under /analysis in router.ts); the layout shows the items the signed-in
 * role may open and keeps the chosen survey round in the link.
 */
export type AnalysisNavItem = { route: string; labelKey: string; roles: Role[]; testId: string }

export const ANALYST_ROLES: Role[] = ['admin', 'analyst']
export const PROGRESS_ROLES: Role[] = ['admin', 'analyst', 'supervisor']

export const analysisNav: AnalysisNavItem[] = [
  {
    route: 'analysis-progress',
    labelKey: 'analysisNav.progress',
    roles: PROGRESS_ROLES,
    testId: 'analysis-nav-progress',
  },
  { route: 'analysis-scores', labelKey: 'analysisNav.scores', roles: ANALYST_ROLES, testId: 'analysis-nav-scores' },
  { route: 'analysis-compare', labelKey: 'analysisNav.compare', roles: ANALYST_ROLES, testId: 'analysis-nav-compare' },
  // Pages of their own (with their own survey picker, which reads the same ?survey= query).
  { route: 'quality', labelKey: 'quality.nav', roles: PROGRESS_ROLES, testId: 'analysis-nav-quality' },
  {
    route: 'admin-self-assessment',
    labelKey: 'admin.selfAssessment.title',
    roles: ANALYST_ROLES,
    testId: 'analysis-nav-self-assessment',
  },
  {
    route: 'admin-adjustments',
    labelKey: 'admin.adjustments.title',
    roles: ANALYST_ROLES,
    testId: 'analysis-nav-adjustments',
  },
]

/** What every analysis view reads from the layout: the chosen survey round and its definition. */
export type AnalysisContext = {
  summaries: ComputedRef<SurveySummary[]>
  /** The chosen round (kept in the `survey=<id>@<version>` query of the URL, so links keep it). */
  key: ComputedRef<SurveyKey | null>
  summary: ComputedRef<SurveySummary | undefined>
  survey: Ref<Survey | null>
}

const KEY: InjectionKey<AnalysisContext> = Symbol('analysis-context')

export const provideAnalysis = (context: AnalysisContext): void => provide(KEY, context)

export function useAnalysis(): AnalysisContext {
  const context = inject(KEY)
  if (!context) throw new Error('analysis views must be rendered inside AnalysisLayout')
  return context
}

/** `par-2026-department@1` → its key; anything else → null. */
export function parseSurveyParam(value: unknown): SurveyKey | null {
  if (typeof value !== 'string') return null
  const match = /^(.+)@(\d+)$/.exec(value)
  return match ? { id: match[1]!, version: Number(match[2]) } : null
}

export const surveyParam = (key: { id: string; version: number }): string => `${key.id}@${key.version}`

/** A failed request as the sentence to show. */
export function failureText(error: unknown, t: (key: string) => string): string {
  if (error instanceof NetworkError) return t('analysisCommon.needsNetwork')
  if (error instanceof ApiError) return error.message
  return t('analysisCommon.unexpected')
}
