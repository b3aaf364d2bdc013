import type { AnswerValue, Question, ResponseIssue } from '@parsurvey/shared'
import { computed, ref } from 'vue'
import type { Answers, Position, Section } from './navigation.ts'

/** What the question screen shows: one question of the draft, or the review list. */
export type QuestionScreenState = {
  questions: Question[]
  answers: Answers
  cursor: number
  question: Question | null
  section: Section | null
  /** Whether each question (by index) is asked, given the answers so far. */
  asked: boolean[]
  position: Position
  /** Why the question on screen stopped the last move. */
  problem: ResponseIssue | null
}

/** What the person on the question screen asks for. */
export type QuestionScreenEvents = {
  answer: [key: string, value: AnswerValue]
  next: []
  back: []
  review: []
  jump: [index: number]
}

/** What the screen needs of a questionnaire store: the surveyor's (questionnaire) or the respondent's. */
export type QuestionWalk = {
  readonly draft: { answers: Answers } | null
  readonly questions: Question[]
  readonly cursor: number
  readonly question: Question | null
  readonly section: Section | null
  readonly asked: boolean[]
  readonly position: Position
  readonly answerProblem: ResponseIssue | null
  answer(key: string, value: AnswerValue): Promise<void>
  advance(): Promise<void>
  back(): Promise<void>
  goTo(index: number): Promise<void>
}

/**
 * Wires a page's question screen to its store: the state to show, and the moves, run one at a
 * time (`act`) so that a double tap cannot skip a question. A failed answer write is not thrown
 * at the page: the store says it (save failed) and keeps the draft.
 */
export function useQuestionScreen(walk: QuestionWalk) {
  const busy = ref(false)

  async function act(intent: () => Promise<unknown>): Promise<void> {
    if (busy.value) return
    busy.value = true
    try {
      await intent()
    } finally {
      busy.value = false
    }
  }

  const screen = computed<QuestionScreenState>(() => ({
    questions: walk.questions,
    answers: walk.draft?.answers ?? {},
    cursor: walk.cursor,
    question: walk.question,
    section: walk.section,
    asked: walk.asked,
    position: walk.position,
    problem: walk.answerProblem,
  }))

  const moves = {
    answer: (key: string, value: AnswerValue) => walk.answer(key, value).catch(() => undefined),
    next: () => act(walk.advance),
    back: () => act(walk.back),
    review: () => act(() => walk.goTo(walk.questions.length)),
    jump: (index: number) => act(() => walk.goTo(index)),
  } satisfies { [E in keyof QuestionScreenEvents]: (...args: QuestionScreenEvents[E]) => unknown }

  return { busy, act, screen, moves }
}
