/**
 * Invitation and reminder texts of the respondent register (issue 14 part 4): the placeholders,
 * the Vietnamese defaults, and the one renderer used by the server's mail, the ready messages
 * for Zalo/SMS, the letters, the CSV and the admin page's preview.
 */

export const INVITATION_KINDS = ['invite', 'remind'] as const
export type InvitationKind = (typeof INVITATION_KINDS)[number]

/** What an admin can put in a text, each written `{name}`. */
export const INVITATION_PLACEHOLDERS = ['name', 'position', 'link', 'deadline', 'units'] as const
export type InvitationPlaceholder = (typeof INVITATION_PLACEHOLDERS)[number]
export type InvitationValues = Record<InvitationPlaceholder, string>

export type InvitationText = { subject: string; body: string }

/** Longest subject and body an admin may save (a mail, not a book). */
export const INVITATION_SUBJECT_MAX = 200
export const INVITATION_BODY_MAX = 5000

/** The texts a survey starts with, until an admin changes them. */
export const DEFAULT_INVITATION_TEXTS: Record<InvitationKind, InvitationText> = {
  invite: {
    subject: 'Mời Ông/Bà tham gia khảo sát đánh giá chỉ số cải cách hành chính',
    body: [
      'Kính gửi Ông/Bà {name} ({position}),',
      '',
      'Sở Nội vụ trân trọng mời Ông/Bà đánh giá công tác cải cách hành chính của các đơn vị sau: {units}.',
      '',
      'Ông/Bà vui lòng mở đường dẫn riêng dưới đây để trả lời (không cần tài khoản; có thể trả lời nhiều lần, câu trả lời đã nhập được giữ lại):',
      '{link}',
      '',
      'Hạn trả lời: {deadline}.',
      '',
      'Đường dẫn này chỉ dành riêng cho Ông/Bà, xin vui lòng không chuyển cho người khác. Ý kiến của Ông/Bà được giữ bí mật và chỉ được tổng hợp cùng các ý kiến khác.',
      '',
      'Trân trọng cảm ơn Ông/Bà.',
    ].join('\n'),
  },
  remind: {
    subject: 'Nhắc Ông/Bà hoàn thành phiếu khảo sát cải cách hành chính',
    body: [
      'Kính gửi Ông/Bà {name} ({position}),',
      '',
      'Sở Nội vụ xin nhắc Ông/Bà hoàn thành phiếu khảo sát đánh giá các đơn vị: {units}.',
      'Những đơn vị Ông/Bà đã gửi được giữ nguyên; Ông/Bà chỉ cần mở lại đường dẫn riêng để tiếp tục:',
      '{link}',
      '',
      'Hạn trả lời: {deadline}.',
      '',
      'Trân trọng cảm ơn Ông/Bà.',
    ].join('\n'),
  },
}

/** The text with each `{placeholder}` filled in; anything else in braces is left as written. */
export function renderInvitation(text: string, values: InvitationValues): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) =>
    (INVITATION_PLACEHOLDERS as readonly string[]).includes(name) ? values[name as InvitationPlaceholder] : match,
  )
}

/** Placeholders a text uses that do not exist (a typo such as `{ten}`), for the admin's check. */
export function unknownPlaceholders(text: string): string[] {
  const found = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)
  return [...new Set(found.filter((name) => !(INVITATION_PLACEHOLDERS as readonly string[]).includes(name)))]
}

/** Where a person stands, as the status table shows it (the most advanced state wins). */
export const INVITATION_STATES = ['not-invited', 'bounced', 'invited', 'opened', 'in-progress', 'finished'] as const
export type InvitationState = (typeof INVITATION_STATES)[number]

/** A person's state from what the register holds. */
export function invitationState(p: {
  invitedAt: string | null
  bouncedAt: string | null
  openedOn: string | null
  done: number
  total: number
}): InvitationState {
  if (p.total > 0 && p.done >= p.total) return 'finished'
  if (p.done > 0) return 'in-progress'
  if (p.openedOn) return 'opened'
  if (p.invitedAt) return 'invited'
  if (p.bouncedAt) return 'bounced'
  return 'not-invited'
}
