import { askedQuestions, isSingleChoice, type Group, type Question, type Survey, type Unit } from '@parsurvey/shared'

/**
 * Where each count of a survey version lives in a flat tally (response-counter.ts).
 *
 * A tally keeps, per unit × group, one Float64Array "block": a counter per option of every single-choice
 * question of the survey (all questions, so any validated answer has a slot), then a response
 * counter for "no location" and one per location of the unit. Everything else a scoring state
 * holds (count, don't-know, sums) follows from these option counts.
 */
export type CounterLayout = {
  survey: Survey
  units: Map<string, number>
  groups: Map<string, number>
  /** choice question id → option value → slot in a block. */
  optionSlots: Map<string, Map<string, number>>
  /** Choice questions in survey order with the first slot of their options. */
  choice: { question: Question; first: number }[]
  /** First response counter in a block (the "no location" one); locations follow in unit order. */
  tallyStart: number
  /** Per unit: location id → slot. */
  locationSlots: Map<string, number>[]
  /**
   * Per group: the questions asked of it (the fast path accepts answers to these only), each with
   * its option slots (null for a text question) and whether it is required; undefined for a
   * group whose questions the fast path leaves to the full validation (shared `askedQuestions`).
   */
  askedSlots: (Map<string, { slots: Map<string, number> | null; required: boolean }> | undefined)[]
  /** Per group: how many of its questions are required. */
  requiredCount: number[]
  unitList: Unit[]
  groupList: Group[]
}

const layouts = new WeakMap<Survey, CounterLayout>()

export function counterLayout(survey: Survey): CounterLayout {
  const cached = layouts.get(survey)
  if (cached) return cached
  const optionSlots = new Map<string, Map<string, number>>()
  const choice: CounterLayout['choice'] = []
  let slot = 0
  for (const question of survey.questions) {
    if (!isSingleChoice(question)) continue
    choice.push({ question, first: slot })
    optionSlots.set(question.id, new Map(question.options.map((o, i) => [o.value, slot + i])))
    slot += question.options.length
  }
  const tallyStart = slot
  const asked = survey.groups.map((g) => askedQuestions(survey, g.id))
  const layout: CounterLayout = {
    survey,
    units: new Map(survey.units.map((u, i) => [u.id, i])),
    groups: new Map(survey.groups.map((g, i) => [g.id, i])),
    optionSlots,
    choice,
    tallyStart,
    locationSlots: survey.units.map((u) => new Map(u.locations.map((l, i) => [l.id, tallyStart + 1 + i]))),
    askedSlots: asked.map(({ questions }) =>
      questions === undefined
        ? undefined
        : new Map(
            [...questions].map(([id, { options, required }]) => [
              id,
              { slots: options === null ? null : optionSlots.get(id)!, required },
            ]),
          ),
    ),
    requiredCount: asked.map((a) => a.required),
    unitList: survey.units,
    groupList: survey.groups,
  }
  layouts.set(survey, layout)
  return layout
}

/** Slots in the block of a unit (its locations vary). */
export function blockSize(layout: CounterLayout, unitIndex: number): number {
  return layout.tallyStart + 1 + (layout.unitList[unitIndex]?.locations.length ?? 0)
}
