import { describe, expect, it } from 'vitest'
import { DEFAULT_INVITATION_TEXTS, invitationState, renderInvitation, unknownPlaceholders } from './invitation.ts'

const values = {
  name: 'Nguyễn Văn An',
  position: 'Đại biểu',
  link: 'https://x.vn/r/AB',
  deadline: '28/11/2026',
  units: 'Sở Nội vụ',
}

describe('invitation texts', () => {
  it('fills every placeholder of the Vietnamese defaults and leaves other braces alone', () => {
    for (const text of Object.values(DEFAULT_INVITATION_TEXTS)) {
      const body = renderInvitation(text.body, values)
      expect(body).toContain('Ông/Bà Nguyễn Văn An')
      expect(body).toContain('https://x.vn/r/AB')
      expect(body).not.toMatch(/\{\w+\}/)
    }
    expect(renderInvitation('{name} {ten}', values)).toBe('Nguyễn Văn An {ten}')
    expect(unknownPlaceholders('{name} {ten} {ten} {link}')).toEqual(['ten'])
  })

  it('shows the furthest a person got', () => {
    const none = { invitedAt: null, bouncedAt: null, openedOn: null, done: 0, total: 3 }
    expect(invitationState(none)).toBe('not-invited')
    expect(invitationState({ ...none, bouncedAt: 'x' })).toBe('bounced')
    expect(invitationState({ ...none, bouncedAt: 'x', invitedAt: 'y' })).toBe('invited')
    expect(invitationState({ ...none, openedOn: '2026-12-06' })).toBe('opened')
    expect(invitationState({ ...none, done: 1 })).toBe('in-progress')
    expect(invitationState({ ...none, done: 3 })).toBe('finished')
  })
})
