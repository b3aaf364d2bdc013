import { isSittingGrant, type AnswerValue, type SittingGrant } from '@parsurvey/shared'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { isoWithOffset } from '../format.ts'
import { answersToSend, firstProblem, formOf, staleKeys, type Form } from '../questionnaire/navigation.ts'
import { useServices } from '../services.ts'
import { sittingFailure, retryDelayMs, type SittingFailure } from '../sitting/outcome.ts'
import { mergeSitting, unsaved, type SittingRecord, type SittingUnitRecord } from '../sitting/record.ts'
import { unitStatus, type UnitStatus } from '../sitting/units.ts'
import { plain } from '../storage/plain.ts'

/** Quiet time after the last answer before the unit's draft is saved on the server. */
export const SAVE_DELAY_MS = 800

/** After one unit's push: go on, try everything again later, or stop (the sitting is closed). */
type Step = 'done' | 'later' | 'stop'

/** Why a unit was not saved or sent: the server's words, and the question it names if any. */
export type UnitProblem = { kind: 'refused'; message: string; field?: string } | { kind: 'incomplete' }

/**
 * A personal code's sitting: one person of the respondent register rating several units. Each
 * answer is written to this browser at once and, after a short quiet time, saved as the unit's
 * draft on the server; what cannot reach the server stays here and is pushed later (on the next
 * answer, when the browser is back online, or on a growing timer). A complete unit is sent as one
 * response, with the same id and body on every retry; once sent it is read-only.
 */
export const useSittingStore = defineStore('sitting', () => {
  const { storage, api, now } = useServices()
  const record = ref<SittingRecord | null>(null)
  /** The last contact with the server failed for want of a network (answers are kept here). */
  const offline = ref(false)
  /** The round is over or the code withdrawn: the server's words; everything is read-only. */
  const closed = ref<{ code: string; message: string } | null>(null)
  /** Per unit: the first question that stopped a send, and why the server refused it. */
  const blockedBy = ref<Record<string, string | null>>({})
  const problems = ref<Record<string, UnitProblem | undefined>>({})
  /** Units being sent right now. */
  const sending = ref<Record<string, boolean>>({})
  /** Unit revisions the server refused as they are: not pushed again until they change. */
  const refusedRevision = new Map<string, number>()
  /** Opened from this browser's copy without the server: its grant is read again once it answers. */
  let fromCopy = false

  let writes: Promise<void> = Promise.resolve()
  let saveTimer: ReturnType<typeof setTimeout> | undefined
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let retries = 0
  let flushing: Promise<void> | null = null
  let flushAgain = false

  const grant = computed<SittingGrant | null>(() => record.value?.grant ?? null)
  const form = computed<Form | null>(() =>
    grant.value ? formOf(grant.value.survey, grant.value.groupId, 'online') : null,
  )
  /** The person's units in the order the survey lists them (the province's own order). */
  const unitIds = computed(() => {
    const g = grant.value
    if (!g) return []
    const order = new Map(g.survey.units.map((u, i) => [u.id, i]))
    const at = (id: string) => order.get(id) ?? Number.MAX_SAFE_INTEGER
    return g.units.map((u) => u.unitId).sort((a, b) => at(a) - at(b))
  })
  const statuses = computed<Record<string, UnitStatus>>(() => {
    const out: Record<string, UnitStatus> = {}
    const f = form.value
    if (!f || !record.value) return out
    for (const id of unitIds.value) out[id] = unitStatus(f, record.value.units[id]!)
    return out
  })
  const done = computed(() => unitIds.value.filter((id) => statuses.value[id] === 'sent').length)
  const finished = computed(() => unitIds.value.length > 0 && done.value === unitIds.value.length)
  /** Answers kept here that the server does not have yet (unsaved drafts, sends not acknowledged). */
  const waiting = computed(() =>
    record.value ? Object.values(record.value.units).some((u) => unsaved(u) || u.outgoing) : false,
  )

  const unit = (unitId: string): SittingUnitRecord | undefined => record.value?.units[unitId]
  const code = () => record.value?.code ?? ''

  /**
   * Writes the record to this browser, or drops it once every unit is sent: a shared computer
   * keeps nothing of a finished sitting. (After the round the answers stay, in case the office
   * extends it.)
   */
  function persist(): Promise<void> {
    if (!record.value) return Promise.resolve()
    const snapshot = plain(record.value)
    const over = finished.value
    writes = writes
      .catch(() => undefined)
      .then(() => (over ? storage.forgetSitting(snapshot.code) : storage.saveSitting(snapshot)))
    return writes
  }

  /** The sitting as the server just gave it, with what this browser kept; kept changes are pushed. */
  async function start(typed: string, fresh: SittingGrant): Promise<void> {
    reset()
    const local = await storage.sitting(typed)
    record.value = mergeSitting(typed, fresh, local, isoWithOffset(now()))
    await persist()
    if (waiting.value) void flush()
  }

  /** Without the server: the copy this browser kept, if any (false when it has none). */
  async function resume(typed: string): Promise<boolean> {
    reset()
    const local = await storage.sitting(typed)
    if (!local) return false
    record.value = local
    offline.value = true
    fromCopy = true
    scheduleRetry()
    return true
  }

  function reset(): void {
    dispose()
    record.value = null
    offline.value = false
    closed.value = null
    blockedBy.value = {}
    problems.value = {}
    sending.value = {}
    refusedRevision.clear()
    fromCopy = false
    retries = 0
  }

  /** Records an answer (or an "other" text, key `q:other`) for one unit, and schedules its saving. */
  async function answer(unitId: string, key: string, value: AnswerValue): Promise<void> {
    const u = unit(unitId)
    const f = form.value
    if (!u || !f || u.sentAt || closed.value || sending.value[unitId]) return
    // The first answer ever given to this unit starts it (a unit with a server draft started elsewhere).
    if (u.revision === 0 && Object.keys(u.answers).length === 0) u.startedAt = isoWithOffset(now())
    u.answers[key] = value
    for (const stale of staleKeys(f, u.answers)) delete u.answers[stale]
    u.revision += 1
    // Changed answers are a new body: a send asked before must be asked again.
    delete u.outgoing
    if (blockedBy.value[unitId] === key.split(':')[0]) blockedBy.value[unitId] = null
    if (problems.value[unitId]?.kind === 'incomplete' && firstProblem(f, u.answers) < 0)
      problems.value[unitId] = undefined
    await persist()
    scheduleSave()
  }

  /** Sends a complete unit. False when a question is missing, or the send did not go through (kept). */
  async function send(unitId: string): Promise<boolean> {
    const u = unit(unitId)
    const f = form.value
    if (!u || !f || u.sentAt || closed.value || sending.value[unitId]) return false
    const missing = firstProblem(f, u.answers)
    if (missing >= 0) {
      blockedBy.value[unitId] = f.questions[missing]?.id ?? null
      problems.value[unitId] = { kind: 'incomplete' }
      return false
    }
    u.outgoing ??= {
      id: crypto.randomUUID(),
      answers: answersToSend(f, u.answers),
      startedAt: u.startedAt,
      submittedAt: isoWithOffset(now()),
    }
    await persist()
    if ((await submit(unitId)) === 'later') scheduleRetry()
    return Boolean(unit(unitId)?.sentAt)
  }

  /** Posts the unit's outgoing body (once at a time); the outcome is recorded on the unit. */
  async function submit(unitId: string): Promise<Step> {
    const u = unit(unitId)
    if (!u?.outgoing || u.sentAt || sending.value[unitId]) return 'done'
    sending.value[unitId] = true
    const body = u.outgoing
    let step: Step = 'done'
    try {
      const receipt = await api.sittingSubmit(code(), unitId, body)
      markSent(unitId, receipt.receivedAt)
      offline.value = false
    } catch (error) {
      step = handleFailure(unitId, sittingFailure(error))
    } finally {
      sending.value[unitId] = false
    }
    await persist()
    return step
  }

  function markSent(unitId: string, at: string): void {
    const u = unit(unitId)
    if (!u) return
    // The answers now live only as the anonymous response on the server.
    u.answers = {}
    u.savedRevision = u.revision
    delete u.outgoing
    u.sentAt = at
    blockedBy.value[unitId] = null
    problems.value[unitId] = undefined
  }

  /** Records what a failure means for the unit; 'later' when it is worth trying again, 'stop' when the sitting is closed. */
  function handleFailure(unitId: string, failure: SittingFailure): Step {
    if (failure.kind === 'sent') markSent(unitId, isoWithOffset(now()))
    else if (failure.kind === 'closed') {
      close(failure)
      return 'stop'
    } else if (failure.kind === 'refused') {
      const u = unit(unitId)
      if (u) {
        refusedRevision.set(unitId, u.revision)
        delete u.outgoing
      }
      problems.value[unitId] = failure
    } else {
      offline.value = failure.offline
      return 'later'
    }
    return 'done'
  }

  /** The round is over or the code withdrawn: read-only; what is kept here stays (the round may be extended). */
  function close(failure: { code: string; message: string }): void {
    closed.value = { code: failure.code, message: failure.message }
    dispose()
  }

  /**
   * Opened from the copy here: once the server answers, its grant is read again (units sent on
   * another device, the round closed) and merged with this copy as on opening.
   */
  async function reread(): Promise<Step> {
    if (!fromCopy || !record.value) return 'done'
    const typed = code()
    try {
      const fresh = await api.respondOpen(typed)
      if (isSittingGrant(fresh) && record.value?.code === typed) {
        record.value = mergeSitting(typed, fresh, record.value, isoWithOffset(now()))
        fromCopy = false
        offline.value = false
        await persist()
      }
      return 'done'
    } catch (error) {
      const failure = sittingFailure(error)
      if (failure.kind === 'closed') {
        close(failure)
        return 'stop'
      }
      if (failure.kind === 'retry') {
        offline.value = failure.offline
        return 'later'
      }
      return 'done'
    }
  }

  /** Saves one unit's draft: the revision sent is the one acknowledged, whatever changed meanwhile. */
  async function saveDraft(unitId: string): Promise<Step> {
    const u = unit(unitId)
    if (!u || !unsaved(u) || refusedRevision.get(unitId) === u.revision) return 'done'
    const revision = u.revision
    let step: Step = 'done'
    try {
      await api.sittingSaveDraft(code(), unitId, { answers: plain(u.answers) })
      offline.value = false
      const current = unit(unitId)
      if (current) current.savedRevision = Math.max(current.savedRevision, revision)
      if (problems.value[unitId]?.kind === 'refused') problems.value[unitId] = undefined
    } catch (error) {
      step = handleFailure(unitId, sittingFailure(error))
    }
    await persist()
    return step
  }

  /**
   * Pushes everything kept here: sends the respondent asked for, then unsaved drafts. One run at
   * a time; a call during a run makes the run go round once more. Stops at the first failure
   * that means "later" (no network, server busy) and schedules a retry.
   */
  function flush(): Promise<void> {
    if (flushing) {
      flushAgain = true
      return flushing
    }
    flushing = (async () => {
      do {
        flushAgain = false
        for (const id of unitIds.value) {
          const u = unit(id)
          if (!u || u.sentAt) continue
          const step = u.outgoing ? await submit(id) : await saveDraft(id)
          if (step === 'stop') return
          if (step === 'later') return scheduleRetry()
        }
        const step = await reread()
        if (step === 'stop') return
        if (step === 'later') return scheduleRetry()
        // Everything kept here reached the server: no retry pending.
        clearTimeout(retryTimer)
        retryTimer = undefined
        retries = 0
      } while (flushAgain)
    })().finally(() => {
      flushing = null
    })
    return flushing
  }

  function scheduleSave(): void {
    clearTimeout(saveTimer)
    saveTimer = setTimeout(() => void flush(), SAVE_DELAY_MS)
  }

  function scheduleRetry(): void {
    if (retryTimer) return
    retryTimer = setTimeout(() => {
      retryTimer = undefined
      void flush()
    }, retryDelayMs(retries++))
  }

  /** Back online: push at once. */
  function reconnect(): void {
    clearTimeout(retryTimer)
    retryTimer = undefined
    retries = 0
    void flush()
  }

  /** Stops the timers (leaving the page, tests); what is kept here stays for the next visit. */
  function dispose(): void {
    clearTimeout(saveTimer)
    clearTimeout(retryTimer)
    saveTimer = undefined
    retryTimer = undefined
  }

  return {
    record,
    grant,
    form,
    unitIds,
    statuses,
    done,
    finished,
    waiting,
    offline,
    closed,
    blockedBy,
    problems,
    sending,
    start,
    resume,
    answer,
    send,
    flush,
    reconnect,
    dispose,
    whenWritten: () => writes,
  }
})
