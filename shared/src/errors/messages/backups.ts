import type { Catalogue } from './index.ts'

/** Messages of scheduled backups (`pnpm parsurvey backup --dir`), the restore drill and the pre-upgrade copy. */
export const backupsMessages: Catalogue = {
  'cli-backup-dir-usage': {
    vi: 'cách dùng: pnpm parsurvey backup --dir <thư-mục> [--keep-daily 14] [--keep-weekly 8] [--now 2025-10-01T02:30:00Z]',
    en: 'usage: pnpm parsurvey backup --dir <folder> [--keep-daily 14] [--keep-weekly 8] [--now 2025-10-01T02:30:00Z]',
  },
  'cli-backup-option-count': {
    vi: '{option} phải là một số nguyên từ 0 đến 1000, nhận được "{value}".',
    en: '{option} must be a whole number from 0 to 1000, got "{value}".',
  },
  'cli-backup-option-now': {
    vi: '--now phải là một thời điểm ISO 8601 như 2025-10-01T02:30:00Z, nhận được "{value}".',
    en: '--now must be an ISO 8601 time such as 2025-10-01T02:30:00Z, got "{value}".',
  },
  'cli-backup-dir-written': {
    vi: 'đã sao lưu vào {file} ({bytes} byte); đã xóa {deleted} bản cũ theo quy tắc lưu giữ ({keepDaily} ngày, {keepWeekly} tuần).',
    en: 'backup written to {file} ({bytes} bytes); {deleted} old backups removed by the retention rule ({keepDaily} days, {keepWeekly} weeks).',
  },
  'cli-backup-dir-exists': {
    vi: 'Đã có bản sao lưu {file} cho đúng thời điểm này; không ghi đè.',
    en: 'A backup {file} for this exact time already exists; it is not overwritten.',
  },
}
