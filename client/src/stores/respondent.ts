import { isSittingGrant, type AnswerValue, type Survey } from '@parsurvey/shared'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { ApiError } from '../api/http.ts'
import { isoWithOffset } from '../format.ts'
import { codeProblem, draftKeys, type CodeProblem } from '../questionnaire/access-code.ts'
import { answersToSend } from '../questionnaire/navigation.ts'
import { useQuestionNavigation } from '../questionnaire/use-navigation.ts'
import { useServices } from '../services.ts'
import { plain } from '../storage/plain.ts'
import type { RespondentDraft } from '../storage/storage.ts'
import { useSittingStore } from './sitting.ts'

/** `sitting`: the code is a personal code of the respondent register (several units, stores/sitting.ts). */
export type RespondentPhase = 'idle' | 'loading' | 'answering' | 'submitted' | 'refused' | 'sitting'
export type Problem = { kind: CodeProblem; message: string }

/**
 * An online respondent with an access code: no account, one questionnaire. The draft lives in
 * this browser (by code) from the first answer, so a closed tab resumes where it was; it is sent
 * once, with the same id and body on every retry, so a lost reply cannot make a second response.
 */
export const useRespondentStore = defineStore('respondent', () => {
  const { storage, api, now } = useServices()
  const phase = ref<RespondentPhase>('idle')
  const draft = ref<RespondentDraft | null>(null)
  /** Why the code cannot be used (page-level), or why the last send failed (the draft stays). */
  const problem = ref<Problem | null>(null)
  const sendProblem = ref<Problem | null>(null)
  const sending = ref(false)
  /** A personal code's answers are kept in this browser (shown with a problem opening it). */
  const keptSitting = ref(false)
  let writes: Promise<void> = Promise.resolve()

  const survey = computed<Survey | null>(() => draft.value?.grant.survey ?? null)
  const nav = useQuestionNavigation({
    draft,
    survey,
    groupId: () => draft.value?.grant.groupId,
    channel: () => 'online',
    persist,
  })
  const { blockedBy, answerProblem, questions, asked, cursor, question, section, position, goTo, advance, back } = nav

  async function open(typed: string): Promise<void> {
    const { key: code, legacy } = draftKeys(typed)
    problem.value = null
    sendProblem.value = null
    blockedBy.value = null
    keptSitting.value = false
    phase.value = 'loading'
    const kept = (await storage.respondentDraft(code)) ?? (legacy ? await storage.respondentDraft(legacy) : undefined)
    if (kept) {
      draft.value = kept
      phase.value = kept.receivedAt ? 'submitted' : 'answering'
      return
    }
    const sitting = useSittingStore()
    try {
      const grant = await api.respondOpen(code)
      if (isSittingGrant(grant)) {
        draft.value = null
        await sitting.start(code, grant)
        phase.value = 'sitting'
        return
      }
      const stamp = isoWithOffset(now())
      const fresh: RespondentDraft = {
        code,
        id: crypto.randomUUID(),
        grant,
        answers: {},
        cursor: 0,
        startedAt: stamp,
        updatedAt: stamp,
      }
      await storage.saveRespondentDraft(fresh)
      draft.value = fresh
      phase.value = 'answering'
    } catch (error) {
      draft.value = null
      problem.value = toProblem(error)
      // No network: a sitting this browser kept opens from its copy, and is pushed when it can be.
      if (problem.value.kind === 'network' && (await sitting.resume(code))) {
        problem.value = null
        phase.value = 'sitting'
        return
      }
      keptSitting.value = (await storage.sitting(code)) !== undefined
      phase.value = 'refused'
    }
  }

  function persist(): Promise<void> {
    if (!draft.value) return Promise.resolve()
    draft.value.updatedAt = isoWithOffset(now())
    const snapshot = plain(draft.value)
    writes = writes.catch(() => undefined).then(() => storage.saveRespondentDraft(snapshot))
    return writes
  }

  /** Records an answer (or the text of an "other" option, key `q:other`) and writes the draft. */
  async function answer(key: string, value: AnswerValue): Promise<void> {
    if (!draft.value || draft.value.receivedAt) return
    nav.record(key, value)
    // Changed answers are a new body: the next send must not reuse the old one.
    delete draft.value.outgoing
    await persist()
  }

  /** Sends the answers once. False when something is missing or the send failed (draft kept). */
  async function submit(): Promise<boolean> {
    const current = draft.value
    const form = nav.form.value
    if (!current || !form || sending.value || !(await nav.complete())) return false
    sending.value = true
    sendProblem.value = null
    try {
      current.outgoing ??= {
        id: current.id,
        answers: answersToSend(form, current.answers),
        startedAt: current.startedAt,
        submittedAt: isoWithOffset(now()),
      }
      await persist()
      const receipt = await api.respondSubmit(current.code, current.outgoing)
      current.receivedAt = receipt.receivedAt
      await persist()
      phase.value = 'submitted'
      return true
    } catch (error) {
      const found = toProblem(error)
      sendProblem.value = found
      // The code cannot take this response any more: say so at page level, the draft stays.
      if (found.kind === 'used' || found.kind === 'expired' || found.kind === 'not-found') {
        problem.value = found
        phase.value = 'refused'
      }
      return false
    } finally {
      sending.value = false
    }
  }

  return {
    phase,
    draft,
    problem,
    sendProblem,
    blockedBy,
    answerProblem,
    asked,
    sending,
    keptSitting,
    survey,
    questions,
    cursor,
    question,
    section,
    position,
    open,
    answer,
    goTo,
    advance,
    back,
    submit,
  }
})

function toProblem(error: unknown): Problem {
  if (error instanceof ApiError) return { kind: codeProblem(error), message: error.message }
  return { kind: 'network', message: '' }
}
