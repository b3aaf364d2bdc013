import type { AnswerValue, Channel, ResponseIssue, Survey } from '@parsurvey/shared'
import { computed, ref, type Ref } from 'vue'
import {
  clampCursor,
  domainIndex,
  firstProblem,
  formOf,
  next,
  previous,
  problemOf,
  positionAmong,
  relevance,
  sectionOf,
  shownAmong,
  staleKeys,
  type Form,
} from './navigation.ts'

/** What navigation needs of a draft, whether a surveyor's or an online respondent's. */
type Navigable = { cursor: number; answers: Record<string, AnswerValue> }

/**
 * The one-question-per-screen state both questionnaire stores share: which questions this group
 * is asked (and, with the answers so far, which of them are relevant), where the cursor is, and
 * moving with the checks of shared/ (required, type, constraint, "other" text). `persist` writes
 * the draft; every move and every answer resolves only once it is written.
 */
export function useQuestionNavigation(options: {
  draft: Ref<Navigable | null>
  survey: Ref<Survey | null>
  groupId: () => string | undefined
  channel: () => Channel
  persist: () => Promise<void>
}) {
  const { draft, survey, groupId, channel, persist } = options
  /** The question that stopped "next" or "finish"; cleared by changing its answer. */
  const blockedBy = ref<string | null>(null)

  const form = computed<Form | null>(() => {
    const group = groupId()
    return survey.value && group ? formOf(survey.value, group, channel()) : null
  })
  const answers = () => draft.value?.answers ?? {}
  const questions = computed(() => form.value?.questions ?? [])
  /**
   * Whether each question (by index) is asked given the answers so far: the skip logic is worked
   * out once per change of the answers, and the screen shown and the position are read from it.
   */
  const asked = computed(() => (form.value ? relevance(form.value, answers()) : []))
  const cursor = computed(() =>
    form.value ? shownAmong(asked.value, draft.value?.cursor ?? 0) : clampCursor(draft.value?.cursor ?? 0, 0),
  )
  const question = computed(() => questions.value[cursor.value] ?? null)
  const domains = computed(() => domainIndex(survey.value?.criteria ?? []))
  const section = computed(() => (question.value ? sectionOf(question.value, domains.value) : null))
  const position = computed(() =>
    form.value ? positionAmong(asked.value, cursor.value) : { current: 0, total: 0, review: true },
  )
  /** Why the question on screen stopped the last move, in the words of shared/'s catalogue codes. */
  const answerProblem = computed<ResponseIssue | null>(() => {
    const q = question.value
    if (!q || !form.value || blockedBy.value !== q.id) return null
    return problemOf(form.value, answers(), q) ?? null
  })

  async function goTo(target: number): Promise<void> {
    if (!draft.value) return
    draft.value.cursor = clampCursor(target, questions.value.length)
    await persist()
  }

  async function advance(): Promise<void> {
    if (!draft.value || !form.value) return
    const move = next(form.value, draft.value.answers, cursor.value)
    if (!move.ok) {
      blockedBy.value = move.blockedBy
      return
    }
    blockedBy.value = null
    await goTo(move.cursor)
  }

  async function back(): Promise<void> {
    blockedBy.value = null
    if (!draft.value || !form.value) return
    await goTo(previous(form.value, draft.value.answers, cursor.value))
  }

  /**
   * Records one answer (or an "other" text, key `q:other`) in the draft, and clears the answers
   * it made stale: questions no longer asked, an "other" text whose option was unticked. The
   * caller persists.
   */
  function record(key: string, value: AnswerValue): void {
    if (!draft.value) return
    draft.value.answers[key] = value
    if (form.value) for (const stale of staleKeys(form.value, draft.value.answers)) delete draft.value.answers[stale]
    const questionId = key.split(':')[0]
    if (blockedBy.value === questionId) blockedBy.value = null
  }

  /** Before finishing: false, with the first question that has a problem on screen and flagged. */
  async function complete(): Promise<boolean> {
    const missing = draft.value && form.value ? firstProblem(form.value, draft.value.answers) : -1
    if (missing < 0) return true
    blockedBy.value = questions.value[missing]?.id ?? null
    await goTo(missing)
    return false
  }

  return {
    form,
    blockedBy,
    answerProblem,
    questions,
    asked,
    cursor,
    question,
    section,
    position,
    goTo,
    advance,
    back,
    record,
    complete,
  }
}
