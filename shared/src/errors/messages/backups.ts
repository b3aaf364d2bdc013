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
    en: 'backup written to {file} ({bytes} bytes); {deleted, plural, one {{deleted} old backup} other {{deleted} old backups}} removed by the retention rule ({keepDaily} days, {keepWeekly} weeks).',
  },
  'cli-backup-dir-exists': {
    vi: 'Đã có bản sao lưu {file} cho đúng thời điểm này; không ghi đè.',
    en: 'A backup {file} for this exact time already exists; it is not overwritten.',
  },
  'cli-backup-verify-usage': {
    vi: 'cách dùng: pnpm parsurvey backup verify --dir <thư-mục> | pnpm parsurvey backup verify <bản-sao-lưu.zip>',
    en: 'usage: pnpm parsurvey backup verify --dir <folder> | pnpm parsurvey backup verify <backup.zip>',
  },
  'cli-backup-verify-none': {
    vi: 'Không có bản sao lưu nào (parsurvey-<thời điểm>.zip) trong {dir}.',
    en: 'There is no backup (parsurvey-<time>.zip) in {dir}.',
  },
  'cli-backup-verify-missing': {
    vi: 'Không tìm thấy tệp {file}.',
    en: '{file} does not exist.',
  },
  'cli-backup-verified': {
    vi: 'diễn tập khôi phục {file}: đạt. {tables} bảng có số dòng khớp, {responses} phiếu, điểm của {surveys} phiên bản phiếu khớp (cả sau khi tính lại tổng hợp).',
    en: 'restore drill of {file}: passed. Row counts of {tables, plural, one {{tables} table} other {{tables} tables}} equal, {responses, plural, one {{responses} response} other {{responses} responses}}, scores of {surveys, plural, one {{surveys} survey version} other {{surveys} survey versions}} equal (also after rebuilding the aggregates).',
  },
  'cli-backup-verify-failed': {
    vi: 'diễn tập khôi phục {file}: KHÔNG ĐẠT ({count} vấn đề).',
    en: 'restore drill of {file}: FAILED ({count, plural, one {{count} problem} other {{count} problems}}).',
  },
  'drill-no-database': {
    vi: '{file} không chứa parsurvey.db.',
    en: '{file} holds no parsurvey.db.',
  },
  'drill-integrity': {
    vi: 'Kiểm tra toàn vẹn SQLite không đạt: {details}',
    en: 'SQLite integrity check failed: {details}',
  },
  'drill-foreign-keys': {
    vi: '{count} dòng trỏ tới dòng không tồn tại (foreign_key_check).',
    en: '{count, plural, one {{count} row points} other {{count} rows point}} at rows that do not exist (foreign_key_check).',
  },
  'drill-no-manifest': {
    vi: '{file} không có bản kê lúc sao lưu (bản tải từ trang quản trị?): chỉ so sánh được với chính nó.',
    en: '{file} has no manifest from when it was taken (a download from the admin page?): it can only be compared with itself.',
  },
  'drill-count': {
    vi: 'Bảng {table}: {was} dòng lúc sao lưu, {now} dòng sau khi khôi phục.',
    en: 'Table {table}: {was, plural, one {{was} row} other {{was} rows}} when backed up, {now} after restoring.',
  },
  'drill-scores': {
    vi: 'Điểm của {survey} sau khi khôi phục khác với lúc sao lưu.',
    en: 'The scores of {survey} after restoring differ from those when backed up.',
  },
  'drill-scores-rebuilt': {
    vi: 'Điểm của {survey} tính lại từ các phiếu đã khôi phục khác với lúc sao lưu.',
    en: 'The scores of {survey} rebuilt from the restored responses differ from those when backed up.',
  },
}
