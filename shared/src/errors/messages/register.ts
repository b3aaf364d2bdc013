import type { Catalogue } from './index.ts'

/** Messages of the respondent register (danh sách người được khảo sát): import checks and the CLI. */
export const registerMessages: Catalogue = {
  'register-too-large': {
    vi: 'Tệp danh sách quá lớn (tối đa {limit}).',
    en: 'The register file is too large (at most {limit}).',
  },
  'register-unzipped-too-large': {
    vi: 'Tệp Excel khi giải nén lớn hơn {limit}, quá lớn đối với một danh sách người được khảo sát. Hãy chép danh sách sang một tệp mới chỉ gồm trang tính danh sách.',
    en: 'The Excel file unpacks to more than {limit}, far too much for a respondent register. Copy the list into a new file with only that sheet.',
  },
  'register-too-many-rows': {
    vi: 'Tệp có hơn {max} dòng, nhiều hơn số người được khảo sát của một tỉnh. Hãy kiểm tra lại tệp đã chọn.',
    en: 'The file has more than {max} rows, more than a province surveys. Check that this is the right file.',
  },
  'register-too-many-columns': {
    vi: 'Tệp có dòng dài hơn {max} cột. Danh sách chỉ cần các cột: name, position, organisation, group, email, phone, units.',
    en: 'The file has a row longer than {max} columns. The register needs only: name, position, organisation, group, email, phone, units.',
  },
  'register-empty': {
    vi: 'Tệp danh sách không có người nào.',
    en: 'The register file lists nobody.',
  },
  'register-not-utf8': {
    vi: 'Tệp CSV phải được lưu với bảng mã UTF-8 (trong Excel: "CSV UTF-8").',
    en: 'The CSV file must be saved as UTF-8 (in Excel: "CSV UTF-8").',
  },
  'register-unreadable': {
    vi: 'Không đọc được tệp: {detail}',
    en: 'The file could not be read: {detail}',
  },
  'register-damaged': {
    vi: 'Tệp Excel bị hỏng hoặc không phải tệp .xlsx. Hãy mở tệp bằng Excel rồi lưu lại dưới dạng "Sổ làm việc Excel (.xlsx)", hoặc lưu thành "CSV UTF-8".',
    en: 'The Excel file is damaged or is not an .xlsx file. Open it in Excel and save it again as an "Excel Workbook (.xlsx)", or as "CSV UTF-8".',
  },
  'register-no-sheet': {
    vi: 'Tệp Excel không có trang tính nào.',
    en: 'The Excel file has no worksheet.',
  },
  'register-missing-column': {
    vi: 'Thiếu cột "{column}" ở dòng tiêu đề. Danh sách cần các cột name (họ và tên), group (nhóm), units (đơn vị đánh giá) và email hoặc phone (điện thoại).',
    en: 'The header row lacks the column "{column}". The register needs name, group, units, and email or phone.',
  },
  'register-extra-column': {
    vi: 'Cột "{column}" không được dùng và đã bị bỏ qua.',
    en: 'The column "{column}" is not used and was ignored.',
  },
  'register-extra-cells': {
    vi: 'Dòng có nhiều ô hơn dòng tiêu đề. Nếu một ô có dấu phân cách cột (dấu phẩy hoặc chấm phẩy), hãy đặt ô đó trong ngoặc kép.',
    en: 'The row has more cells than the header. Quote any cell that holds the column separator (comma or semicolon).',
  },
  'register-formula-without-result': {
    vi: 'Ô chứa công thức "{formula}" nhưng không có giá trị đã tính. Hãy mở tệp trong Excel, lưu lại, hoặc dán dạng giá trị.',
    en: 'The cell holds the formula "{formula}" without a computed value. Open and save the file in Excel, or paste values only.',
  },
  'register-name-missing': {
    vi: 'Thiếu họ và tên.',
    en: 'The name is missing.',
  },
  'register-too-long': {
    vi: 'Nội dung dài quá {max} ký tự.',
    en: 'The text is longer than {max} characters.',
  },
  'register-group-missing': {
    vi: 'Thiếu nhóm đối tượng.',
    en: 'The group is missing.',
  },
  'register-group-unknown': {
    vi: 'Nhóm "{group}" không có trong phiếu khảo sát này (ghi mã nhóm, ví dụ delegate, hoặc tên nhóm).',
    en: 'The group "{group}" is not in this survey (write its id, e.g. delegate, or its name).',
  },
  'register-group-per-location': {
    vi: 'Nhóm "{group}" được khảo sát theo địa bàn nên không mời qua danh sách được; hãy dùng mã truy cập hoặc phỏng vấn.',
    en: 'The group "{group}" is surveyed per location, so it cannot be invited from the register; use access codes or interviews.',
  },
  'register-group-no-questions': {
    vi: 'Phiếu khảo sát không có câu hỏi nào cho nhóm "{group}".',
    en: 'The survey asks the group "{group}" no questions.',
  },
  'register-group-locked': {
    vi: 'Người này đã gửi phiếu với nhóm "{group}", nên không đổi được nhóm.',
    en: 'This person already sent answers as group "{group}", so the group cannot change.',
  },
  'register-contact-missing': {
    vi: 'Cần ít nhất một trong hai: email hoặc số điện thoại.',
    en: 'An e-mail or a phone number is needed.',
  },
  'register-email-invalid': {
    vi: '"{value}" không phải là địa chỉ email.',
    en: '"{value}" is not an e-mail address.',
  },
  'register-phone-invalid': {
    vi: '"{value}" không phải là số điện thoại Việt Nam (10 hoặc 11 chữ số, bắt đầu bằng 0 hoặc +84).',
    en: '"{value}" is not a Vietnamese phone number (10 or 11 digits, starting with 0 or +84).',
  },
  'register-email-repeated': {
    vi: 'Email {value} đã có ở dòng {firstLine}.',
    en: 'The e-mail {value} already appears on line {firstLine}.',
  },
  'register-phone-repeated': {
    vi: 'Số điện thoại {value} đã có ở dòng {firstLine}.',
    en: 'The phone number {value} already appears on line {firstLine}.',
  },
  'register-person-repeated': {
    vi: 'Hai dòng của tệp cùng là {name} (trùng email hoặc số điện thoại đã có trong danh sách).',
    en: 'Two rows of the file are both {name} (same e-mail or phone as on the register).',
  },
  'register-matches-two': {
    vi: 'Email {email} là của {emailName} còn số điện thoại {phone} là của {phoneName} trong danh sách hiện có: không rõ dòng này là ai.',
    en: 'The e-mail {email} belongs to {emailName} and the phone {phone} to {phoneName} on the register: it is unclear who this row is.',
  },
  'register-units-missing': {
    vi: 'Thiếu đơn vị đánh giá (mã đơn vị cách nhau bằng dấu ";", hoặc "all" cho tất cả).',
    en: 'The units are missing (unit ids separated by ";", or "all").',
  },
  'register-unit-unknown': {
    vi: 'Đơn vị "{unit}" không có trong phiếu khảo sát này.',
    en: 'The unit "{unit}" is not in this survey.',
  },
  'register-own-unit-rated': {
    vi: 'Người được khảo sát không đánh giá đơn vị của mình ("{unit}"); hãy bỏ đơn vị này khỏi danh sách.',
    en: 'Respondents do not rate their own unit ("{unit}"); take it off the list.',
  },
  'register-no-units-left': {
    vi: 'Không còn đơn vị nào để đánh giá sau khi bỏ đơn vị của chính người này.',
    en: 'No unit is left to rate once the person’s own unit is left out.',
  },
  'register-own-unit-unsure': {
    vi: 'Cơ quan "{organisation}" gần giống đơn vị "{unit}" nhưng không trùng tên, nên người này vẫn được giao đánh giá đơn vị đó. Nếu đây là đơn vị công tác của họ, hãy ghi "{id}" vào cột "Mã đơn vị công tác" (ownUnit) hoặc ghi đúng tên đơn vị vào cột "Cơ quan".',
    en: 'The organisation "{organisation}" looks like the unit "{unit}" without matching its name, so this person is still asked to rate it. If they work there, put "{id}" in the ownUnit column ("Mã đơn vị công tác") or the unit’s exact name in the organisation column.',
  },
  'register-submitted-unit-kept': {
    vi: 'Đã gửi phiếu cho {units}: các đơn vị này vẫn được giữ trong danh sách của người này.',
    en: 'Answers were already sent for {units}: these units stay on the person’s list.',
  },
  'register-has-errors': {
    vi: 'Chưa nhập danh sách: tệp còn {count} lỗi. Hãy sửa rồi gửi lại.',
    en: 'The register was not imported: the file has {count, plural, one {{count} error} other {{count} errors}}. Fix them and send it again.',
  },
  'register-survey-not-found': {
    vi: 'Không có phiếu khảo sát "{id}".',
    en: 'There is no survey "{id}".',
  },
  'cli-respondents-usage': {
    vi: 'Cách dùng: pnpm parsurvey respondents import --survey <mã phiếu> <tệp.csv|tệp.xlsx>\n           pnpm parsurvey respondents invite --survey <mã phiếu> [--remind] [--dry-run]',
    en: 'usage: pnpm parsurvey respondents import --survey <id> <file.csv|file.xlsx>\n       pnpm parsurvey respondents invite --survey <id> [--remind] [--dry-run]',
  },
  'cli-respondents-imported': {
    vi: 'Đã nhập danh sách {surveyId}: {added} người mới, {updated} cập nhật, {unchanged} không đổi; tổng {total} người.',
    en: 'Register of {surveyId} imported: {added} new, {updated} updated, {unchanged} unchanged; {total, plural, one {{total} person} other {{total} people}} in all.',
  },
  'cli-respondents-row-errors': {
    vi: 'Không nhập gì: {count} lỗi.',
    en: 'Nothing imported: {count, plural, one {{count} error} other {{count} errors}}.',
  },
  'sitting-unit-not-listed': {
    vi: 'Đơn vị "{unitId}" không có trong danh sách Ông/Bà được mời đánh giá.',
    en: 'The unit "{unitId}" is not on the list you were invited to rate.',
  },
  'sitting-unit-sent': {
    vi: 'Phiếu đánh giá đơn vị "{unitId}" đã được gửi; mỗi đơn vị chỉ gửi một lần.',
    en: 'The answers for unit "{unitId}" were already sent; each unit is sent once.',
  },
  'sitting-draft-too-large': {
    vi: 'Bản nháp quá dài ({bytes} byte, tối đa {limit} byte). Ông/Bà hãy rút ngắn các câu trả lời dạng chữ.',
    en: 'The draft is too long ({bytes} bytes, at most {limit} bytes). Please shorten the written answers.',
  },
}
