import type { AnswerValue, Survey } from '@parsurvey/shared'
import { defineStore } from 'pinia'
import { onScopeDispose, ref, shallowRef, toRaw } from 'vue'
import { isoWithOffset } from '../format.ts'
import { answersToSend } from '../questionnaire/navigation.ts'
import { useQuestionNavigation } from '../questionnaire/use-navigation.ts'
import { useServices } from '../services.ts'
import { createDraftJournal } from '../storage/draft-journal.ts'
import { plain } from '../storage/plain.ts'
import type { Draft } from '../storage/storage.ts'
import { parseResponse } from '../validation.ts'
import { useOutboxStore } from './outbox.ts'
import { useSessionStore } from './session.ts'

/**
 * The questionnaire open on screen. Every change is written to the device before the promise
 * returned to the page resolves, so the page moves on only once the answer is safe.
 */
export const useQuestionnaireStore = defineStore('questionnaire', () => {
  const { storage, now } = useServices()
  const session = useSessionStore()
  const draft = ref<Draft | null>(null)
  // A survey version never changes once published: no deep proxies over its questions and criteria.
  const survey = shallowRef<Survey | null>(null)
  const saveFailed = ref(false)
  /** The last write asked for, settled either way (writes finish in the order they were asked for). */
  let writes: Promise<void> = Promise.resolve()
  /** Writes under way, and the number of the last one asked for. */
  let inFlight = 0
  let lastWrite = 0
  const journal = createDraftJournal()
  /** The journal entry this tab wrote (draft id, last write asked for then), until a write as new commits. */
  let journaled: { id: string; write: number } | null = null

  const nav = useQuestionNavigation({
    draft,
    survey,
    groupId: () => draft.value?.groupId,
    channel: () => draft.value?.channel ?? 'field',
    persist,
  })
  const { blockedBy, answerProblem, questions, asked, cursor, question, section, position, goTo, advance, back } = nav

  async function open(id: string): Promise<boolean> {
    if (draft.value?.id === id) return true
    const stored = await storage.draft(id)
    // A journal entry is the newest state of a draft whose last write was cut short by a reload.
    const fromJournal = stored ? journal.read(id) : undefined
    if (fromJournal) await storage.saveDraft(fromJournal)
    journal.clear(id)
    const candidate = fromJournal ?? stored
    // Another user's draft on a shared tablet stays theirs: not shown, not finished by someone else.
    const found =
      candidate && (candidate.owner === undefined || candidate.owner === session.user?.username) ? candidate : undefined
    const definition = found ? await storage.survey(found.surveyId, found.surveyVersion) : undefined
    draft.value = found && definition ? found : null
    survey.value = found && definition ? definition : null
    blockedBy.value = null
    return draft.value !== null
  }

  /** Copies the draft to the journal (synchronous): what a reload must find if IndexedDB never gets it. */
  function journalDraft(current: Draft): void {
    journal.write(plain(current))
    journaled = { id: current.id, write: lastWrite }
  }

  // The page is going away (reload, closed, or hidden, after which Android may kill it without
  // another word) while a write is under way: the journal keeps the answer for the next start.
  const keepUnsaved = () => {
    if (inFlight > 0 && draft.value) journalDraft(draft.value)
  }
  const onHidden = () => {
    if (document.visibilityState === 'hidden') keepUnsaved()
  }
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', keepUnsaved)
    document.addEventListener('visibilitychange', onHidden)
    onScopeDispose(() => {
      window.removeEventListener('pagehide', keepUnsaved)
      document.removeEventListener('visibilitychange', onHidden)
    })
  }

  /**
   * Writes the draft as it is now, at once, in the tap's own task: before Vue redraws, so the
   * redraw and the commit overlap, and without waiting for a write under way (the storage keeps
   * writes in the order they were asked for). The draft goes to storage as it is: IndexedDB
   * clones it once.
   */
  function persist(): Promise<void> {
    const current = draft.value
    if (!current) return Promise.resolve()
    current.updatedAt = isoWithOffset(now())
    const write = ++lastWrite
    inFlight++
    let run: Promise<void>
    try {
      run = storage.saveDraft(toRaw(current))
    } catch (error) {
      run = Promise.reject(error instanceof Error ? error : new Error(String(error)))
    }
    const settled = () => {
      inFlight--
    }
    writes = run.then(settled, settled)
    return run.then(
      () => {
        if (journaled?.id === current.id && write >= journaled.write) {
          journal.clear(current.id)
          journaled = null
        }
        saveFailed.value = false
      },
      (error: unknown) => {
        // Not written (storage full, the page unloading): the journal keeps it for a reload.
        journalDraft(current)
        saveFailed.value = true
        throw error
      },
    )
  }

  /** Records an answer (or the text of an "other" option, key `q:other`) and writes the draft. */
  async function answer(key: string, value: AnswerValue): Promise<void> {
    if (!draft.value) return
    // Tap → IndexedDB commit, visible in the browser's performance timeline (measured, never asserted).
    const tapped = performance.now()
    nav.record(key, value)
    await persist()
    performance.measure('parsurvey:autosave', { start: tapped, end: performance.now() })
  }

  /**
   * Moves the response to the outbox (same id) and removes the draft, in one transaction.
   * Returns false, with the first blank required question on screen, when it cannot finish.
   */
  async function finish(): Promise<boolean> {
    const current = draft.value
    const form = nav.form.value
    if (!current || !form || !(await nav.complete())) return false
    await writes
    const response = await parseResponse({
      id: current.id,
      surveyId: current.surveyId,
      surveyVersion: current.surveyVersion,
      unitId: current.unitId,
      groupId: current.groupId,
      locationId: current.locationId,
      channel: current.channel,
      answers: answersToSend(form, current.answers),
      startedAt: current.startedAt,
      submittedAt: isoWithOffset(now()),
      deviceId: current.deviceId,
      ...(current.paperSerial ? { paperSerial: current.paperSerial } : {}),
    })
    try {
      await storage.finishDraft(response, isoWithOffset(now()), current.owner ?? session.user?.username)
    } catch (error) {
      // Storage full or gone: the transaction left the draft as it was; the page says it was not saved.
      saveFailed.value = true
      throw error
    }
    saveFailed.value = false
    journal.clear(current.id)
    journaled = null
    draft.value = null
    survey.value = null
    await useOutboxStore().queued()
    return true
  }

  /** Resolves once every answer given so far is in IndexedDB (before a reload or a hand-over). */
  async function flush(): Promise<void> {
    await writes
  }

  /** Forgets the open draft without writing (another tab took it over). */
  function close(): void {
    draft.value = null
    survey.value = null
    blockedBy.value = null
  }

  return {
    flush,
    close,
    draft,
    survey,
    questions,
    cursor,
    question,
    section,
    position,
    blockedBy,
    answerProblem,
    asked,
    saveFailed,
    open,
    answer,
    goTo,
    advance,
    back,
    finish,
  }
})
