import type { Catalogue } from './index.ts'

/** Messages of the `score` command (codes start with `score-`). */
export const scoreMessages: Catalogue = {
  'score-usage': {
    vi: 'cách dùng: pnpm parsurvey score --survey TỆP [--survey TỆP …] --responses TỆP.jsonl [--self TỆP.csv] [--adjustments TỆP.csv] [--format json|csv] [--skip-invalid]',
    en: 'usage: pnpm parsurvey score --survey FILE [--survey FILE …] --responses FILE.jsonl [--self FILE.csv] [--adjustments FILE.csv] [--format json|csv] [--skip-invalid]',
  },
  'score-bad-arguments': { vi: 'Tham số không hợp lệ: {detail}', en: 'Invalid arguments: {detail}' },
  'score-missing-option': { vi: 'Thiếu tùy chọn bắt buộc --{option}.', en: 'The option --{option} is required.' },
  'score-bad-format': {
    vi: '--format phải là json hoặc csv, không phải "{format}".',
    en: '--format must be json or csv, not "{format}".',
  },
  'score-unreadable-file': { vi: 'Không đọc được tệp {file}: {reason}', en: 'Cannot read {file}: {reason}' },
  'score-line': { vi: 'dòng {line}: {message}', en: 'line {line}: {message}' },
  'score-data-set-repeated': {
    vi: 'Mỗi phiên bản chỉ được nêu một lần với --survey.',
    en: 'Give each version once with --survey.',
  },
  'score-data-set-other-survey': {
    vi: 'Các tệp --survey phải là các phiên bản của cùng một phiếu trong cùng một năm; phiên bản {version} là "{id}" năm {year}.',
    en: 'The --survey files must be versions of one survey in one year; version {version} is "{id}" of {year}.',
  },
  'score-data-set-differs': {
    vi: 'Phiên bản {version} chấm điểm khác phiên bản {newest} nên không gộp được: {reasons}.',
    en: 'Version {version} is scored differently from version {newest}, so they cannot be combined: {reasons}.',
  },
  'score-invalid-json': { vi: 'không phải JSON hợp lệ ({detail})', en: 'not valid JSON ({detail})' },
  'score-duplicate-response': {
    vi: 'phiếu "{id}" đã có ở dòng {first}; bản lặp này bị bỏ qua',
    en: 'response "{id}" was already read on line {first}; this copy is skipped',
  },
  'score-invalid-stop': {
    vi: '{count} dòng không hợp lệ: không chấm điểm. Sửa các dòng trên hoặc dùng --skip-invalid để chấm các phiếu hợp lệ.',
    en: '{count} invalid line(s): nothing scored. Fix the lines above or use --skip-invalid to score the valid responses.',
  },
  'score-invalid-skipped': { vi: 'Đã bỏ qua {count} dòng không hợp lệ.', en: 'Skipped {count} invalid line(s).' },
  'score-self-location': {
    vi: '{file}, dòng {line}, cột {field}: {message}',
    en: '{file}, line {line}, field {field}: {message}',
  },
  'report-usage': {
    vi: 'cách dùng: pnpm parsurvey report --survey TỆP --responses TỆP.jsonl [--self TỆP.csv] [--adjustments TỆP.csv] [--previous TỆP.json] [--lang vi|en] [--skip-invalid] [--scorecards] --out TỆP.xlsx|TỆP.docx',
    en: 'usage: pnpm parsurvey report --survey FILE --responses FILE.jsonl [--self FILE.csv] [--adjustments FILE.csv] [--previous FILE.json] [--lang vi|en] [--skip-invalid] [--scorecards] --out FILE.xlsx|FILE.docx',
  },
  'report-bad-out': {
    vi: '--out phải là một tệp .xlsx (phụ lục) hoặc .docx (dự thảo báo cáo), không phải "{file}".',
    en: '--out must be an .xlsx file (appendix) or a .docx file (draft report), not "{file}".',
  },
  'report-scorecards-docx': {
    vi: '--scorecards ghi phiếu điểm ra tệp .docx, không phải "{file}".',
    en: '--scorecards writes the scorecards as a .docx file, not "{file}".',
  },
  'report-bad-lang': {
    vi: '--lang phải là vi hoặc en, không phải "{lang}".',
    en: '--lang must be vi or en, not "{lang}".',
  },
  'report-bad-previous': {
    vi: '{file} không phải kết quả chấm điểm (JSON của pnpm parsurvey score): {detail}',
    en: '{file} is not a score result (the JSON of pnpm parsurvey score): {detail}',
  },
  'report-written': {
    vi: 'đã ghi {file} ({units} đơn vị)',
    en: 'wrote {file} ({units, plural, one {{units} unit} other {{units} units}})',
  },
}
