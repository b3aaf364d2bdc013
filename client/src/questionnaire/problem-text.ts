import type { Question, ResponseIssue } from '@parsurvey/shared'

/**
 * The catalogue key (under `answer.problem`) and its parameters that tell a surveyor or a
 * respondent, in plain words, why they cannot leave a question. The codes are shared/'s
 * (`questionIssue`); a survey's own constraint message is shown instead where it has one.
 */
export function problemMessage(
  issue: ResponseIssue,
  question: Question,
): { key: string; params: Record<string, string | number> } | { label: NonNullable<Question['constraintMessage']> } {
  const key = (name: string, params: Record<string, string | number> = {}) => ({
    key: `answer.problem.${name}`,
    params,
  })
  switch (issue.code) {
    case 'response-required-blank':
      return key(question.type === 'choice' ? 'requiredChoice' : 'required')
    case 'response-constraint-message':
      return question.constraintMessage ? { label: question.constraintMessage } : key('constraint')
    case 'response-constraint':
      return key('constraint')
    case 'response-out-of-range':
      if (question.min !== undefined && question.max !== undefined)
        return key('between', { min: question.min, max: question.max })
      return question.min !== undefined
        ? key('atLeast', { min: question.min })
        : key('atMost', { max: question.max ?? 0 })
    case 'response-not-whole':
      return key('whole')
    case 'response-wrong-type':
      if (question.type === 'number') return key(question.decimal === true ? 'number' : 'whole')
      return key(question.type === 'date' ? 'date' : 'invalid')
    case 'response-invalid-date':
      return key('date')
    case 'response-other-blank':
      return key('otherBlank')
    case 'response-unknown-option':
      return key('unknownOption')
    default:
      return key('invalid')
  }
}
