import type { LeafStatus } from '../scoring/leaf-rules.ts'

/** A domain (top-level criterion) as the pack's columns show it. */
export type ResultsDomain = { id: string; label: string; surveyMax: number }

/** One domain of one unit; points rounded half up to 2 decimals. */
export type ResultsDomainCell = {
  /** From the self-assessment import's `domain:<id>` column; null when not given. */
  self: number | null
  /** The domain's share of the survey points (rescaled with them when leaves are left out). */
  survey: number
  /** self + survey, when self is known. */
  total: number | null
}

/** Leaves of a unit that did not count from their own answers, by what the rules did. */
export type LeafRuleUse = Record<Exclude<LeafStatus, 'scored'>, string[]>

export type ResultsRow = {
  unitId: string
  /** The unit's name in the pack's language. */
  name: string
  rank: number | null
  responses: number
  domains: ResultsDomainCell[]
  selfAssessment: number | null
  surveyPoints: number
  adjustments: number
  adjustmentItems: { points: number; reason: string }[]
  total: number | null
  /** total ÷ (surveyPoints + selfAssessmentPoints of the survey) × 100, 2 decimals. */
  percent: number | null
  classification: string | null
  classificationLabel: string | null
  previousTotal: number | null
  change: number | null
  rules: LeafRuleUse
}

export type ClassCount = { id: string; label: string; count: number }

export type WeakCriterion = {
  criterionId: string
  label: string
  domainLabel: string
  maxPoints: number
  /** Mean points over the units where the leaf counted from answers. */
  meanPoints: number
  /** meanPoints ÷ maxPoints. */
  meanFraction: number
  units: number
}

export type GroupGap = {
  domainId: string
  label: string
  /** Each group asked about the domain: its pooled mean score in [0, 1] over the province, and n. */
  groups: { groupId: string; label: string; mean: number; n: number }[]
  /** Highest minus lowest group mean. */
  gap: number
}

export type ResultsQuality = {
  responses: number
  expected: number
  groups: { groupId: string; label: string; responses: number; expected: number }[]
  unitsWithoutResponses: number
  unitsBelowQuota: number
  /** Unit × leaf pairs without usable answers (insufficient-data flags). */
  insufficientLeaves: number
  filledByMean: number
  leftOut: number
  zeroed: number
}

/** Everything the XLSX appendix and the DOCX report show, computed once (buildResultsPack). */
export type ResultsPack = {
  surveyId: string
  surveyVersion: number
  title: string
  year: number
  locale: 'vi' | 'en'
  missing: 'zero' | 'rescale' | 'province-mean'
  surveyPointsMax: number
  selfAssessmentPointsMax: number
  domains: ResultsDomain[]
  hasSelfDomains: boolean
  hasPrevious: boolean
  /** True when totals are known (some unit has a self-assessment); else the ranking is on survey points. */
  rankedByTotal: boolean
  rows: ResultsRow[]
  classCounts: ClassCount[]
  /** Units with a classification (the denominator of "3/19"). */
  classified: number
  weakest: WeakCriterion[]
  groupGaps: GroupGap[]
  quality: ResultsQuality
}
