import type { Catalogue } from './index.ts'

/** Messages of sending, tracking and reminding (issue 14 part 4): the API and the CLI. */
export const invitationMessages: Catalogue = {
  'mail-not-configured': {
    vi: 'Máy chủ chưa được cấu hình gửi thư (SMTP_URL và MAIL_FROM). Ông/Bà vẫn có thể gửi lời mời qua Zalo/SMS, mã QR, thư in hoặc tệp CSV.',
    en: 'Mail is not configured on the server (SMTP_URL and MAIL_FROM). Invitations can still go by Zalo/SMS, QR code, printed letters or the CSV file.',
  },
  'invitation-field-invalid': {
    vi: 'Giá trị của trường "{field}" không hợp lệ.',
    en: 'The field "{field}" is not valid.',
  },
  'invitation-text-empty': {
    vi: 'Trường "{field}" của nội dung thư không được để trống.',
    en: 'The text field "{field}" must not be empty.',
  },
  'invitation-text-too-long': {
    vi: 'Trường "{field}" dài quá {max} ký tự.',
    en: 'The field "{field}" is longer than {max} characters.',
  },
  'invitation-placeholder-unknown': {
    vi: 'Trường "{field}" có chỗ điền không tồn tại: {names}. Chỉ dùng được {name}, {position}, {link}, {deadline}, {units}.',
    en: 'The field "{field}" uses unknown placeholders: {names}. Only {name}, {position}, {link}, {deadline}, {units} exist.',
  },
  'cli-invite-usage': {
    vi: 'Cách dùng: pnpm parsurvey respondents invite --survey <mã khảo sát> [--remind] [--dry-run]',
    en: 'usage: pnpm parsurvey respondents invite --survey <id> [--remind] [--dry-run]',
  },
  'cli-invite-public-url': {
    vi: 'Cần đặt PUBLIC_URL (ví dụ https://khaosat.example.gov.vn) để thư mời có đường dẫn đúng.',
    en: 'Set PUBLIC_URL (e.g. https://khaosat.example.gov.vn) so that the mails carry the right links.',
  },
  'cli-invite-done': {
    vi: '{kind}: {selected} người, đã gửi {sent}, bị từ chối {bounced}, lỗi {failed}, không có e-mail {noEmail}.',
    en: '{kind}: {selected, plural, one {{selected} person} other {{selected} people}}, sent {sent}, bounced {bounced}, failed {failed}, without e-mail {noEmail}.',
  },
  'cli-invite-dry-run': {
    vi: '{kind} (chạy thử, không gửi): sẽ gửi cho {selected} người; {noEmail} người không có e-mail.',
    en: '{kind} (dry run, nothing sent): would mail {selected} people; {noEmail} without e-mail.',
  },
  'cli-invite-kind-invite': { vi: 'Lời mời', en: 'Invitations' },
  'cli-invite-kind-remind': { vi: 'Nhắc nhở', en: 'Reminders' },
  'cli-invite-status-bounced': { vi: 'bị từ chối', en: 'bounced' },
  'cli-invite-status-failed': { vi: 'lỗi', en: 'failed' },
  'cli-invite-failure': {
    vi: '{name} <{email}>: {status}: {error}',
    en: '{name} <{email}>: {status}: {error}',
  },
}
