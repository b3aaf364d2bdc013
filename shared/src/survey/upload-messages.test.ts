import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { makeSurvey } from './fixtures.ts'
import { formatSurveyIssue, type SurveyIssue } from './issue.ts'
import { parseSurveyText } from './validate.ts'

const issuesOf = (text: string, name = 'x.yaml'): SurveyIssue[] => {
  const result = parseSurveyText(text, name)
  return result.ok ? [] : result.issues
}
const vi = (issues: SurveyIssue[]) => issues.map((i) => formatSurveyIssue(i, 'vi'))
/** Words of the YAML parser's English that must not reach a Vietnamese reader. */
const ENGLISH = /\b(must|mapping|keys?|need|allowed|missing|unique|quote|indentation|sequence|the)\b/i

describe('survey file messages an editor reads', () => {
  it('says a YAML syntax error in Vietnamese, without the parser’s English', () => {
    const broken = [
      'id: x\nversion: 1\nid: y\n',
      'id: x\n\tversion: 1\n',
      'id: "x\nversion: 1\n',
      'id: x\nversion 1\nyear: 2025\n',
      'groups: [a, b\nunits: []\n',
      'id: x\n  version: 1\n',
    ]
    for (const text of broken) {
      const messages = vi(issuesOf(text))
      expect(messages.length).toBeGreaterThan(0)
      for (const message of messages) {
        expect(message).toMatch(/^Lỗi cú pháp YAML ở dòng \d+, cột \d+: \S/)
        expect(message.replace(/^Lỗi cú pháp YAML/, '').replace(/"[^"]*"/g, '')).not.toMatch(ENGLISH)
      }
    }
    expect(vi(issuesOf('{\n  "id": "x",\n}\n', 'x.json'))[0]).toMatch(
      /^Lỗi cú pháp JSON ở dòng 3, cột \d+: hãy kiểm tra/,
    )
  })

  it('lists a line once even when the parser finds several faults on it', () => {
    const issues = issuesOf('id: x\n  version: 1\nyear: 2025\n')
    expect(issues.map((i) => i.params.line)).toEqual([1])
  })

  it('keeps the parser’s words for English readers, after ours', () => {
    const [message] = issuesOf('id: x\nid: y\n').map((i) => formatSurveyIssue(i, 'en'))
    expect(message).toBe(
      'YAML syntax error at line 2, column 1: this key already appears above in the same item; write each key once. (parser: Map keys must be unique)',
    )
  })

  it('reports what a misspelt maxPoint leads to: the leaf without points and the sum that no longer adds up', () => {
    const survey = makeSurvey()
    const text = stringify(survey).replace(/maxPoints: (\d+)/, 'maxPoint: $1')
    const issues = issuesOf(text)
    expect(issues.map((i) => i.code)).toEqual(['survey-unknown-key', 'survey-points-sum', 'survey-leaf-without-points'])
    expect(vi(issues)[1]).toMatch(/^surveyPoints là \d+ nhưng tổng maxPoints của các tiêu chí lá là \d+\.$/)
  })
})
