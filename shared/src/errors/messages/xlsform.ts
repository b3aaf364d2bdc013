import type { Catalogue } from './index.ts'

/** Messages of survey workbooks (codes start with `xlsform-`). */
export const xlsformMessages: Catalogue = {
  'xlsform-place': {
    vi: 'Trang "{sheet}", dòng {row}, cột {column} ({header})',
    en: 'Sheet "{sheet}", row {row}, column {column} ({header})',
  },
  'xlsform-place-row': {
    vi: 'Trang "{sheet}", dòng {row}',
    en: 'Sheet "{sheet}", row {row}',
  },
  'xlsform-missing-sheet': {
    vi: '{path}: bảng tính thiếu trang "{sheet}".',
    en: '{path}: the workbook has no sheet "{sheet}".',
  },
  'xlsform-missing-cell': {
    vi: '{path}: ô này không được để trống.',
    en: '{path} must not be empty.',
  },
  'xlsform-not-a-number': {
    vi: '{path}: "{value}" không phải là số.',
    en: '{path}: "{value}" is not a number.',
  },
  'xlsform-not-yes-no': {
    vi: '{path}: cần ghi yes hoặc no, không phải "{value}".',
    en: '{path}: write yes or no, not "{value}".',
  },
  'xlsform-unknown-type': {
    vi: '{path}: không hiểu loại câu hỏi "{type}"; dùng select_one DANH_SÁCH, select_multiple DANH_SÁCH, integer, decimal, text, date, note, begin_group hoặc end_group.',
    en: '{path}: unknown question type "{type}"; use select_one LIST, select_multiple LIST, integer, decimal, text, date, note, begin_group or end_group.',
  },
  'xlsform-unsupported-type': {
    vi: '{path}: loại "{type}" của XLSForm chưa được hỗ trợ trong phiếu khảo sát này.',
    en: '{path}: the XLSForm type "{type}" is not supported in these surveys.',
  },
  'xlsform-unknown-list': {
    vi: '{path}: không có danh sách phương án "{list}" trong trang choices.',
    en: '{path}: there is no option list "{list}" on the choices sheet.',
  },
  'xlsform-group-logic': {
    vi: '{path}: điều kiện hiển thị (relevant) của cả nhóm chưa được hỗ trợ; hãy ghi vào từng câu hỏi.',
    en: '{path}: relevant on a whole group is not supported; put it on each question.',
  },
  'xlsform-unbalanced-group': {
    vi: '{path}: các dòng begin_group và end_group không khớp nhau.',
    en: '{path}: begin_group and end_group rows do not pair up.',
  },
  'xlsform-unknown-unit': {
    vi: '{path}: đơn vị "{unit}" không có trong trang units.',
    en: '{path}: unit "{unit}" is not on the units sheet.',
  },
  'xlsform-unknown-parent': {
    vi: '{path}: tiêu chí cha "{parent}" chưa có ở các dòng phía trên.',
    en: '{path}: parent criterion "{parent}" is not on a row above.',
  },
  'xlsform-profile-section': {
    vi: 'Thông tin người trả lời',
    en: 'About the respondent',
  },
  // Reading an uploaded file.
  'xlsform-too-large': {
    vi: 'Tệp Excel giải nén ra quá {limit}; bộ câu hỏi thật chỉ vài trăm KB. Hãy kiểm tra lại tệp.',
    en: 'The Excel file unpacks to more than {limit}; a real survey is a few hundred KB. Check the file.',
  },
  'xlsform-too-many': {
    vi: 'Tệp Excel có quá nhiều trang, dòng hoặc cột (tối đa {max} dòng mỗi trang).',
    en: 'The Excel file has too many sheets, rows or columns (at most {max} rows per sheet).',
  },
  'xlsform-unreadable': {
    vi: 'Không đọc được tệp Excel (.xlsx): tệp bị hỏng hoặc không phải tệp .xlsx. Ông/Bà hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi tải lên lại.',
    en: 'Cannot read the Excel (.xlsx) file: it is damaged or not an .xlsx file. Open it in Excel, save it as .xlsx and upload it again.',
  },
  // The "Hướng dẫn" sheet of a written workbook.
  'xlsform-guide-title': {
    vi: 'Hướng dẫn soạn bộ câu hỏi trong Excel',
    en: 'Writing a survey in Excel',
  },
  'xlsform-guide-sheets': {
    vi: 'Các trang survey, choices, settings theo quy ước XLSForm (ODK, KoboToolbox). Các trang scoring, criteria, groups, units, locations, classification và các cột criterion, groups, score, other, min, max là phần bổ sung để chấm điểm; công cụ khác sẽ bỏ qua.',
    en: 'The survey, choices and settings sheets follow XLSForm (ODK, KoboToolbox). The scoring, criteria, groups, units, locations and classification sheets and the criterion, groups, score, other, min and max columns are our additions for scoring; other tools ignore them.',
  },
  'xlsform-guide-types': {
    vi: 'Cột type: select_one DANH_SÁCH (chọn một), select_multiple DANH_SÁCH (chọn nhiều), integer, decimal, text, date, note; begin_group/end_group chỉ để chia phần cho dễ đọc. Phương án nằm ở trang choices (list_name, name, label); cột other = yes cho phương án "Khác (ghi rõ)".',
    en: 'type column: select_one LIST, select_multiple LIST, integer, decimal, text, date, note; begin_group/end_group only divide the sheet for reading. Options are on the choices sheet (list_name, name, label); other = yes marks the "other, specify" option.',
  },
  'xlsform-guide-logic': {
    vi: "Cột relevant (điều kiện hiển thị) và constraint (ràng buộc) viết như XLSForm: ${cau_hoi} = 'yes', . >= 0 and . <= 50, selected(${cau_hoi}, 'web'), count-selected(.) <= 2. Cột required: yes hoặc no.",
    en: "relevant and constraint are written as in XLSForm: ${question} = 'yes', . >= 0 and . <= 50, selected(${question}, 'web'), count-selected(.) <= 2. required: yes or no.",
  },
  'xlsform-guide-scoring': {
    vi: 'Câu tính điểm là câu select_one có cột criterion (mã tiêu chí lá); cột score ở trang choices từ 0 đến 1, ghi null cho "Không biết". Tổng maxPoints của tiêu chí lá phải bằng surveyPoints.',
    en: 'Scored questions are select_one with a criterion (a leaf id); the score column on choices runs from 0 to 1, null for "don\'t know". Leaf maxPoints must add up to surveyPoints.',
  },
  'xlsform-guide-check': {
    vi: 'Tải tệp lên trang Quản trị → Bộ câu hỏi (hoặc chạy pnpm parsurvey survey from-xlsx) để kiểm tra: mỗi lỗi được chỉ rõ trang, dòng và cột.',
    en: 'Upload the file on Administration → Surveys (or run pnpm parsurvey survey from-xlsx) to check it: every problem names its sheet, row and column.',
  },
}
