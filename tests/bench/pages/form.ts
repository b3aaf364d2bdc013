/** The 40-question form every page renders, injected at build time by Vite (`define`). */
export type Form = { questions: { id: string; text: string; options: { value: string; label: string }[] }[] }

declare const __FORM__: Form
export const form: Form = __FORM__
