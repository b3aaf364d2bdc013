import type { Survey } from '@parsurvey/shared'
import { computed, ref, type Ref } from 'vue'
import {
  clampCursor,
  domainIndex,
  firstMissing,
  next,
  previous,
  progress,
  questionsFor,
  sectionOf,
} from './navigation.ts'

/** What navigation needs of a draft, whether a surveyor's or an online respondent's. */
type Navigable = { cursor: number; answers: Record<string, string | null> }

/**
 * The one-question-per-screen state both questionnaire stores share: which questions this group
 * is asked, where the cursor is, and moving with the required-question check. `persist` writes
 * the draft; every move resolves only once it is written.
 */
export function useQuestionNavigation(options: {
  draft: Ref<Navigable | null>
  survey: Ref<Survey | null>
  groupId: () => string | undefined
  persist: () => Promise<void>
}) {
  const { draft, survey, groupId, persist } = options
  /** The required question that stopped "next" or "finish"; cleared by answering it. */
  const blockedBy = ref<string | null>(null)

  const questions = computed(() => {
    const group = groupId()
    return survey.value && group ? questionsFor(survey.value, group) : []
  })
  const cursor = computed(() => clampCursor(draft.value?.cursor ?? 0, questions.value.length))
  const question = computed(() => questions.value[cursor.value] ?? null)
  const domains = computed(() => domainIndex(survey.value?.criteria ?? []))
  const section = computed(() => (question.value ? sectionOf(question.value, domains.value) : null))
  const position = computed(() => progress(cursor.value, questions.value.length))

  async function goTo(target: number): Promise<void> {
    if (!draft.value) return
    draft.value.cursor = clampCursor(target, questions.value.length)
    await persist()
  }

  async function advance(): Promise<void> {
    if (!draft.value) return
    const move = next(questions.value, draft.value.answers, cursor.value)
    if (!move.ok) {
      blockedBy.value = move.blockedBy
      return
    }
    await goTo(move.cursor)
  }

  async function back(): Promise<void> {
    blockedBy.value = null
    await goTo(previous(cursor.value))
  }

  /** Answering the question that blocked the way unblocks it. */
  function answered(questionId: string): void {
    if (blockedBy.value === questionId) blockedBy.value = null
  }

  /** Before finishing: false, with the first blank required question on screen and flagged. */
  async function complete(): Promise<boolean> {
    const missing = draft.value ? firstMissing(questions.value, draft.value.answers) : -1
    if (missing < 0) return true
    blockedBy.value = questions.value[missing]?.id ?? null
    await goTo(missing)
    return false
  }

  return { blockedBy, questions, cursor, question, section, position, goTo, advance, back, answered, complete }
}
