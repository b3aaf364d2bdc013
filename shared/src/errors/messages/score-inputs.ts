import type { Catalogue } from './index.ts'

/** Messages of the score-input imports: self-assessment per domain and bonus/penalty points. */
export const scoreInputsMessages: Catalogue = {
  'self-assessment-unknown-domain': {
    vi: 'Cột "{column}" không ứng với lĩnh vực nào của phiếu khảo sát. Các cột lĩnh vực: {domains}.',
    en: 'The column "{column}" matches no domain of the survey. Domain columns: {domains}.',
  },
  'self-assessment-missing-domains': {
    vi: 'Khi có điểm theo lĩnh vực, phải có đủ các lĩnh vực; còn thiếu cột: {columns}.',
    en: 'When points per domain are given, every domain is needed; missing columns: {columns}.',
  },
  'self-assessment-domains-sum': {
    vi: 'Tổng điểm các lĩnh vực ({sum}) khác điểm tự đánh giá ({total}).',
    en: 'The domains add up to {sum}, not to the self-assessment {total}.',
  },
  'adjustments-too-large': {
    vi: 'Tệp điểm thưởng, điểm trừ quá lớn (tối đa {limit}).',
    en: 'The bonus/penalty file is too large (at most {limit}).',
  },
  'adjustments-unzipped-too-large': {
    vi: 'Tệp Excel khi giải nén lớn hơn {limit}, quá lớn đối với một bảng điểm thưởng, điểm trừ. Hãy lưu lại trong một tệp mới chỉ gồm ba cột unitId, points, reason.',
    en: 'The Excel file unpacks to more than {limit}, far too much for a bonus/penalty sheet. Save it in a new file with only the three columns unitId, points, reason.',
  },
  'adjustments-too-many-rows': {
    vi: 'Tệp có hơn {max} dòng. Hãy kiểm tra lại tệp đã chọn.',
    en: 'The file has more than {max} rows. Check that this is the right file.',
  },
  'adjustments-too-many-columns': {
    vi: 'Tệp có dòng dài hơn {max} cột. Bảng chỉ cần ba cột: unitId, points, reason.',
    en: 'The file has a row longer than {max} columns. The sheet needs only three columns: unitId, points, reason.',
  },
  'adjustments-empty': {
    vi: 'Tệp không có dòng tiêu đề (unitId, points, reason).',
    en: 'The file has no header row (unitId, points, reason).',
  },
  'adjustments-no-sheet': { vi: 'Tệp Excel không có trang tính nào.', en: 'The Excel file has no worksheet.' },
  'adjustments-not-utf8': {
    vi: 'Tệp CSV phải được lưu với bảng mã UTF-8 (trong Excel: "CSV UTF-8").',
    en: 'The CSV file must be saved as UTF-8 (in Excel: "CSV UTF-8").',
  },
  'adjustments-unreadable': { vi: 'Không đọc được tệp: {detail}', en: 'The file could not be read: {detail}' },
  'adjustments-damaged': {
    vi: 'Tệp Excel bị hỏng hoặc không phải tệp .xlsx. Hãy mở tệp bằng Excel rồi lưu lại dưới dạng "Sổ làm việc Excel (.xlsx)", hoặc lưu thành "CSV UTF-8".',
    en: 'The Excel file is damaged or is not an .xlsx file. Open it in Excel and save it again as an "Excel Workbook (.xlsx)", or as "CSV UTF-8".',
  },
  'adjustments-missing-column': {
    vi: 'Thiếu cột "{column}" ở dòng tiêu đề (cần ba cột: unitId, points, reason).',
    en: 'The header row lacks the column "{column}" (three columns are needed: unitId, points, reason).',
  },
  'adjustments-extra-column': {
    vi: 'Cột "{column}" không được dùng và đã bị bỏ qua.',
    en: 'The column "{column}" is not used and was ignored.',
  },
  'adjustments-extra-cells': {
    vi: 'Dòng có nhiều ô hơn dòng tiêu đề. Nếu điểm dùng dấu phẩy thập phân, hãy dùng dấu ";" để phân cách cột hoặc đặt điểm trong ngoặc kép.',
    en: 'The row has more cells than the header. If the points use a decimal comma, separate columns with ";" or quote the points.',
  },
  'adjustments-missing-unit': { vi: 'Thiếu mã đơn vị.', en: 'The unit id is missing.' },
  'score-inputs-unit-spelling': {
    vi: 'Mã đơn vị "{unitId}" viết khác mã "{surveyId}" trong phiếu khảo sát (chữ hoa, dấu hoặc khoảng trắng). Hãy sửa thành "{surveyId}".',
    en: 'The unit id "{unitId}" is written differently from "{surveyId}" in the survey (case, diacritics or spaces). Write it as "{surveyId}".',
  },
  'score-inputs-near-duplicate-unit': {
    vi: 'Đơn vị "{unitId}" trùng với "{firstId}" ở dòng {firstLine} (chỉ khác chữ hoa, dấu hoặc khoảng trắng). Mỗi đơn vị chỉ một dòng.',
    en: 'The unit "{unitId}" is the same as "{firstId}" on line {firstLine} (differing only by case, diacritics or spaces). One row per unit.',
  },
  'adjustments-repeated-row': {
    vi: 'Dòng này lặp lại dòng {firstLine} (cùng đơn vị, số điểm và lý do); cả hai dòng đều được cộng. Nếu đã dán hai lần, hãy xoá một dòng.',
    en: 'This row repeats line {firstLine} (same unit, points and reason); both rows count. If it was pasted twice, delete one.',
  },
  'adjustments-repeated-rows': {
    vi: 'Có dòng lặp lại một dòng trước đó (cùng đơn vị, số điểm và lý do), vẫn được cộng: dòng {lines}. Hãy kiểm tra trước khi áp dụng.',
    en: 'Rows that repeat an earlier row (same unit, points and reason), still counted: line {lines}. Check them before applying.',
  },
  'adjustments-unknown-unit': {
    vi: 'Đơn vị "{unitId}" không có trong phiếu khảo sát này.',
    en: 'The unit "{unitId}" is not in this survey.',
  },
  'adjustments-not-number': {
    vi: 'Điểm "{value}" không phải là một số (điểm trừ ghi số âm, ví dụ -0,5).',
    en: 'The points "{value}" are not a number (a penalty is negative, e.g. -0.5).',
  },
  'adjustments-too-precise': {
    vi: 'Điểm {value} có quá 2 chữ số thập phân.',
    en: 'The points {value} have more than 2 decimals.',
  },
  'adjustments-out-of-range': {
    vi: 'Điểm {value} nằm ngoài khoảng từ -{max} đến {max}.',
    en: 'The points {value} are outside the range -{max} to {max}.',
  },
  'adjustments-formula-without-result': {
    vi: 'Ô chứa công thức "{formula}" nhưng không có giá trị đã tính. Hãy mở tệp trong Excel, lưu lại, hoặc dán dạng giá trị.',
    en: 'The cell holds the formula "{formula}" without a computed value. Open and save the file in Excel, or paste values only.',
  },
  'adjustments-missing-reason': {
    vi: 'Thiếu lý do (căn cứ) của điểm thưởng hoặc điểm trừ.',
    en: 'The reason (the decision it rests on) is missing.',
  },
  'adjustments-reason-too-long': {
    vi: 'Lý do dài hơn {max} ký tự.',
    en: 'The reason is longer than {max} characters.',
  },
  'adjustments-has-errors': {
    vi: 'Chưa áp dụng điểm thưởng, điểm trừ: tệp còn {count} lỗi. Hãy sửa rồi gửi lại.',
    en: 'The bonus and penalty points were not applied: the file has {count, plural, one {{count} error} other {{count} errors}}. Fix them and send it again.',
  },
}
