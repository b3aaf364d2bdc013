import { hasOptions, type Question } from '@parsurvey/shared'
import { ref } from 'vue'

/**
 * Keying paper forms from the keyboard: the number keys pick the options in the order printed on
 * the form (1 is the first option, 0 the tenth), Enter moves on (on the review screen, finishes).
 * Keys typed into a text field stay there, except Enter (Shift+Enter is a new line in a text
 * area, and the caller leaves it alone); a focused button, link or list keeps its own Enter.
 */
export type PaperKey = { kind: 'option'; value: string } | { kind: 'next' } | { kind: 'finish' } | null

export type KeyTarget = { tag: string; type?: string | undefined }

export function paperKey(question: Question | null, key: string, target: KeyTarget): PaperKey {
  const tag = target.tag.toLowerCase()
  const typing =
    tag === 'textarea' || tag === 'select' || (tag === 'input' && !['radio', 'checkbox'].includes(target.type ?? ''))
  if (key === 'Enter') {
    if (tag === 'button' || tag === 'a' || tag === 'select') return null
    return question ? { kind: 'next' } : { kind: 'finish' }
  }
  if (typing || !question || !hasOptions(question) || !/^[0-9]$/.test(key)) return null
  const option = question.options[key === '0' ? 9 : Number(key) - 1]
  return option ? { kind: 'option', value: option.value } : null
}

/** Paper forms finished on this device since the app was opened (a page load starts it at 0). */
export const paperFormsKeyed = ref(0)
