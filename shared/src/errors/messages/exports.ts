import type { Catalogue } from './index.ts'

/**
 * Messages of the server's data-management routes: survey upload, backup, aggregate rebuild,
 * self-assessment import and exports.
 */
export const exportsMessages: Catalogue = {
  'survey-invalid': {
    vi: 'Phiếu khảo sát không hợp lệ: có {count} lỗi cần sửa (xem danh sách bên dưới).',
    en: 'The survey is not valid: {count, plural, one {{count} problem} other {{count} problems}} to fix (see the list below).',
  },
  'survey-upload-content-type': {
    vi: 'Hãy gửi phiếu khảo sát dưới dạng YAML hoặc JSON (Content-Type "{contentType}" không được hỗ trợ).',
    en: 'Send the survey as YAML or JSON (Content-Type "{contentType}" is not supported).',
  },
  'backup-failed': {
    vi: 'Không tạo được bản sao lưu cơ sở dữ liệu. Dữ liệu hiện có không bị ảnh hưởng; vui lòng thử lại.',
    en: 'The database backup could not be made. Existing data is unaffected; please try again.',
  },
  'self-assessment-too-large': {
    vi: 'Tệp điểm tự đánh giá quá lớn (tối đa {limit}).',
    en: 'The self-assessment file is too large (at most {limit}).',
  },
  'self-assessment-unzipped-too-large': {
    vi: 'Tệp Excel khi giải nén lớn hơn {limit}, quá lớn đối với một bảng điểm tự đánh giá. Hãy lưu lại bảng điểm trong một tệp mới chỉ gồm hai cột unitId và selfAssessment.',
    en: 'The Excel file unpacks to more than {limit}, far too much for a self-assessment sheet. Save the scores in a new file with only the two columns unitId and selfAssessment.',
  },
  'self-assessment-too-many-rows': {
    vi: 'Tệp có hơn {max} dòng, nhiều hơn số đơn vị của bất kỳ phiếu khảo sát nào. Hãy kiểm tra lại tệp đã chọn.',
    en: 'The file has more than {max} rows, more than the units of any survey. Check that this is the right file.',
  },
  'self-assessment-too-many-columns': {
    vi: 'Tệp có dòng dài hơn {max} cột. Bảng điểm chỉ cần hai cột: unitId và selfAssessment.',
    en: 'The file has a row longer than {max} columns. The sheet needs only two columns: unitId and selfAssessment.',
  },
  'self-assessment-empty': {
    vi: 'Tệp điểm tự đánh giá không có dữ liệu.',
    en: 'The self-assessment file is empty.',
  },
  'self-assessment-not-utf8': {
    vi: 'Tệp CSV phải được lưu với bảng mã UTF-8 (trong Excel: "CSV UTF-8").',
    en: 'The CSV file must be saved as UTF-8 (in Excel: "CSV UTF-8").',
  },
  'self-assessment-unreadable': {
    vi: 'Không đọc được tệp: {detail}',
    en: 'The file could not be read: {detail}',
  },
  'self-assessment-damaged': {
    vi: 'Tệp Excel bị hỏng hoặc không phải tệp .xlsx. Hãy mở tệp bằng Excel rồi lưu lại dưới dạng "Sổ làm việc Excel (.xlsx)", hoặc lưu thành "CSV UTF-8".',
    en: 'The Excel file is damaged or is not an .xlsx file. Open it in Excel and save it again as an "Excel Workbook (.xlsx)", or as "CSV UTF-8".',
  },
  'self-assessment-no-sheet': {
    vi: 'Tệp Excel không có trang tính nào.',
    en: 'The Excel file has no worksheet.',
  },
  'self-assessment-missing-column': {
    vi: 'Thiếu cột "{column}" ở dòng tiêu đề (cần hai cột: unitId, selfAssessment).',
    en: 'The header row lacks the column "{column}" (two columns are needed: unitId, selfAssessment).',
  },
  'self-assessment-extra-column': {
    vi: 'Cột "{column}" không được dùng và đã bị bỏ qua.',
    en: 'The column "{column}" is not used and was ignored.',
  },
  'self-assessment-extra-cells': {
    vi: 'Dòng có nhiều ô hơn dòng tiêu đề. Nếu điểm dùng dấu phẩy thập phân, hãy dùng dấu ";" để phân cách cột hoặc đặt điểm trong ngoặc kép.',
    en: 'The row has more cells than the header. If the score uses a decimal comma, separate columns with ";" or quote the score.',
  },
  'self-assessment-unknown-unit': {
    vi: 'Đơn vị "{unitId}" không có trong phiếu khảo sát này.',
    en: 'The unit "{unitId}" is not in this survey.',
  },
  'self-assessment-missing-unit': {
    vi: 'Thiếu mã đơn vị.',
    en: 'The unit id is missing.',
  },
  'self-assessment-duplicate-unit': {
    vi: 'Đơn vị "{unitId}" đã có ở dòng {firstLine}.',
    en: 'The unit "{unitId}" already appears on line {firstLine}.',
  },
  'self-assessment-not-number': {
    vi: 'Điểm "{value}" không phải là một số.',
    en: 'The score "{value}" is not a number.',
  },
  'self-assessment-out-of-range': {
    vi: 'Điểm {value} nằm ngoài khoảng từ 0 đến {max}.',
    en: 'The score {value} is outside the range 0 to {max}.',
  },
  'self-assessment-formula-without-result': {
    vi: 'Ô chứa công thức "{formula}" nhưng không có giá trị đã tính. Hãy mở tệp trong Excel, lưu lại, hoặc dán dạng giá trị.',
    en: 'The cell holds the formula "{formula}" without a computed value. Open and save the file in Excel, or paste values only.',
  },
  'self-assessment-has-errors': {
    vi: 'Chưa áp dụng điểm tự đánh giá: tệp còn {count} lỗi. Hãy sửa rồi gửi lại.',
    en: 'The self-assessment was not applied: the file has {count, plural, one {{count} error} other {{count} errors}}. Fix them and send it again.',
  },
  'export-unknown': {
    vi: 'Không có bảng xuất "{name}". Có: {names}.',
    en: 'There is no export "{name}". Available: {names}.',
  },
  'export-bad-option': {
    vi: 'Giá trị "{value}" của tham số {field} không hợp lệ. Có thể dùng: {allowed}.',
    en: 'The value "{value}" of the parameter {field} is not valid. Allowed: {allowed}.',
  },
  'cli-not-on-postgres': {
    vi: 'DATABASE_URL chỉ tới một cơ sở dữ liệu PostgreSQL; lệnh "pnpm parsurvey {command}" chỉ sao lưu cơ sở dữ liệu SQLite nên chưa làm gì. Trên PostgreSQL, hãy sao lưu bằng pg_dump -Fc trên máy chủ cơ sở dữ liệu (docs/deploy.md, mục 8).',
    en: 'DATABASE_URL names a PostgreSQL database, but "pnpm parsurvey {command}" backs up the SQLite database only; nothing was done. On PostgreSQL, back up with pg_dump -Fc on the database server (docs/deploy.md, section 8).',
  },
  'cli-database-missing': {
    vi: 'Không có cơ sở dữ liệu tại {file}. Hãy kiểm tra biến DATA_DIR.',
    en: 'There is no database at {file}. Check DATA_DIR.',
  },
  'cli-survey-usage': {
    vi: 'cách dùng: pnpm parsurvey survey publish <tệp.yaml|tệp.json> [--dry-run]\n           pnpm parsurvey survey to-xlsx <tệp.yaml> <đích.xlsx>\n           pnpm parsurvey survey from-xlsx <tệp.xlsx>   (ghi YAML ra stdout)\n           pnpm parsurvey survey print --survey <mã|tệp> [--unit MÃ] [--group MÃ] [--from N --count K] [--lang vi|en] --out <phieu.pdf|phieu.html>',
    en: 'usage: pnpm parsurvey survey publish <file.yaml|file.json> [--dry-run]\n       pnpm parsurvey survey to-xlsx <file.yaml> <out.xlsx>\n       pnpm parsurvey survey from-xlsx <file.xlsx>   (writes YAML to stdout)\n       pnpm parsurvey survey print --survey <id|file> [--unit ID] [--group ID] [--from N --count K] [--lang vi|en] --out <form.pdf|form.html>',
  },
  'cli-survey-xlsx-written': {
    vi: 'đã ghi {id} v{version} vào {fileName}',
    en: 'wrote {id} v{version} to {fileName}',
  },
  'cli-survey-write-failed': {
    vi: 'Không ghi được {fileName} (tệp đã có sẵn thì không ghi đè): {detail}',
    en: 'Cannot write {fileName} (an existing file is never overwritten): {detail}',
  },
  'cli-survey-print-written': {
    vi: 'đã ghi {copies} phiếu giấy của {id} v{version} vào {fileName}',
    en: 'wrote {copies, plural, one {{copies} paper form} other {{copies} paper forms}} of {id} v{version} to {fileName}',
  },
  'cli-survey-print-unknown': {
    vi: 'Không có tệp {survey}, cũng không có bộ câu hỏi mã {survey} đã phát hành trong cơ sở dữ liệu.',
    en: 'There is no file {survey}, nor a published survey with the id {survey} in the database.',
  },
  'cli-survey-published': {
    vi: 'đã phát hành {id} v{version}',
    en: 'published {id} v{version}',
  },
  'cli-survey-unchanged': {
    vi: '{id} v{version} đã được phát hành với đúng nội dung này; không có gì thay đổi',
    en: '{id} v{version} is already published with this exact content; nothing changed',
  },
  'cli-survey-valid': {
    vi: '{id} v{version} hợp lệ và có thể phát hành (chạy thử, chưa lưu gì)',
    en: '{id} v{version} is valid and can be published (dry run, nothing stored)',
  },
  'cli-backup-usage': {
    vi: 'cách dùng: pnpm parsurvey backup <tệp-đích.zip|tệp-đích.db>   (.zip: cơ sở dữ liệu kèm tệp khóa mã truy cập)',
    en: 'usage: pnpm parsurvey backup <target.zip|target.db>   (.zip: the database with the access-code key)',
  },
  'cli-backup-exists': {
    vi: 'Tệp {file} đã tồn tại; hãy chọn tên khác (bản sao lưu không ghi đè tệp có sẵn).',
    en: '{file} already exists; choose another name (a backup never overwrites a file).',
  },
  'cli-backup-written': {
    vi: 'đã sao lưu vào {file} ({bytes} byte). Lưu kèm tệp {keyFile} nếu dùng mã truy cập.',
    en: 'backup written to {file} ({bytes} bytes). Keep {keyFile} with it if you use access codes.',
  },
  'cli-backup-archive-written': {
    vi: 'đã sao lưu cơ sở dữ liệu và tệp khóa {keyFile} (nếu có) vào {file} ({bytes} byte). Giữ tệp này kín như mật khẩu.',
    en: 'backup of the database and {keyFile} (when there is one) written to {file} ({bytes} bytes). Keep it as safe as a password.',
  },
  'cli-rebuild-usage': {
    vi: 'cách dùng: pnpm parsurvey rebuild [--survey <mã> --version <số>]',
    en: 'usage: pnpm parsurvey rebuild [--survey <id> --version <n>]',
  },
  'cli-rebuilt': {
    vi: 'đã tính lại tổng hợp của {id} v{version} từ {responses} phiếu',
    en: 'rebuilt the aggregates of {id} v{version} from {responses, plural, one {{responses} response} other {{responses} responses}}',
  },
}
