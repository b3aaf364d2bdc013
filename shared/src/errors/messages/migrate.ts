import type { Catalogue } from './index.ts'

/** Messages of `pnpm parsurvey migrate-to-postgres` (copy a SQLite database into PostgreSQL, then verify). */
export const migrateMessages: Catalogue = {
  'migrate-usage': {
    vi: 'cách dùng: pnpm parsurvey migrate-to-postgres --from $DATA_DIR/parsurvey.db --to postgres://người-dùng@máy/tên-csdl [--replace]',
    en: 'usage: pnpm parsurvey migrate-to-postgres --from $DATA_DIR/parsurvey.db --to postgres://user@host/database [--replace]',
  },
  'migrate-bad-arguments': {
    vi: 'Tham số không hợp lệ: {detail}',
    en: 'Invalid arguments: {detail}',
  },
  'migrate-to-not-postgres': {
    vi: '--to phải là một địa chỉ PostgreSQL (postgres://…), nhận được "{value}".',
    en: '--to must be a PostgreSQL URL (postgres://…), got "{value}".',
  },
  'migrate-source-missing': {
    vi: 'Không có cơ sở dữ liệu nguồn tại {file}.',
    en: 'There is no source database at {file}.',
  },
  'migrate-source-not-parsurvey': {
    vi: '{file} không phải là cơ sở dữ liệu parsurvey ({reason}).',
    en: '{file} is not a parsurvey database ({reason}).',
  },
  'migrate-source-older': {
    vi: 'Cơ sở dữ liệu nguồn {file} chưa được nâng cấp (thiếu {versions}). Hãy chạy máy chủ hoặc một lệnh như "pnpm parsurvey user list" của phiên bản này một lần trên tệp đó, rồi chuyển lại.',
    en: 'The source database {file} has not been upgraded (missing {versions}). Start this release once on it (the server, or a command such as "pnpm parsurvey user list"), then migrate again.',
  },
  'migrate-source-newer': {
    vi: 'Cơ sở dữ liệu nguồn {file} thuộc một phiên bản mới hơn (có {versions}); hãy dùng phiên bản đó để chuyển.',
    en: 'The source database {file} comes from a newer release (it has {versions}); migrate with that release.',
  },
  'migrate-schema-differs': {
    vi: 'Bảng {table} khác nhau giữa SQLite và PostgreSQL ({detail}); không sao chép gì.',
    en: 'Table {table} differs between SQLite and PostgreSQL ({detail}); nothing was copied.',
  },
  'migrate-connect-failed': {
    vi: 'Không kết nối được tới PostgreSQL {target}: {reason}',
    en: 'Could not connect to PostgreSQL {target}: {reason}',
  },
  'migrate-target-not-empty': {
    vi: 'Cơ sở dữ liệu đích {target} đã có dữ liệu ({tables}); không sao chép gì. Thêm --replace nếu Ông/Bà muốn xóa dữ liệu đó và sao chép lại từ đầu.',
    en: 'The target database {target} already holds data ({tables}); nothing was copied. Add --replace to delete that data and copy again from the start.',
  },
  'migrate-copy-failed': {
    vi: 'Sao chép bảng {table} thất bại, cơ sở dữ liệu đích được giữ nguyên như trước: {reason}',
    en: 'Copying table {table} failed; the target database was left as it was: {reason}',
  },
  'migrate-copied-table': {
    vi: '  {table}: {rows} dòng',
    en: '  {table}: {rows, plural, one {{rows} row} other {{rows} rows}}',
  },
  'migrate-copied': {
    vi: 'đã sao chép {tables} bảng ({rows} dòng) từ {file} sang {target} trong {seconds} giây.',
    en: 'copied {tables, plural, one {{tables} table} other {{tables} tables}} ({rows, plural, one {{rows} row} other {{rows} rows}}) from {file} to {target} in {seconds} s.',
  },
  'migrate-count-differs': {
    vi: 'Bảng {table}: {source} dòng trong SQLite, {target} dòng trong PostgreSQL.',
    en: 'Table {table}: {source, plural, one {{source} row} other {{source} rows}} in SQLite, {target} in PostgreSQL.',
  },
  'migrate-scores-differ': {
    vi: 'Điểm của phiếu {survey} khác nhau giữa SQLite và PostgreSQL.',
    en: 'The scores of {survey} differ between SQLite and PostgreSQL.',
  },
  'migrate-scores-equal': {
    vi: '  điểm của {survey}: khớp ({responses} phiếu, sha256 {digest})',
    en: '  scores of {survey}: equal ({responses, plural, one {{responses} response} other {{responses} responses}}, sha256 {digest})',
  },
  'migrate-verified': {
    vi: 'kiểm tra: đạt. Số dòng của {tables} bảng khớp, điểm của {surveys} phiên bản phiếu khớp.',
    en: 'verification: passed. Row counts of {tables, plural, one {{tables} table} other {{tables} tables}} equal, scores of {surveys, plural, one {{surveys} survey version} other {{surveys} survey versions}} equal.',
  },
  'migrate-verify-failed': {
    vi: 'kiểm tra: KHÔNG ĐẠT ({count} vấn đề). Dữ liệu đã sao chép vẫn nằm trong {target}; sau khi sửa, chạy lại với --replace.',
    en: 'verification: FAILED ({count, plural, one {{count} problem} other {{count} problems}}). The copied data stays in {target}; once fixed, run again with --replace.',
  },
}
