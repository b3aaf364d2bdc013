import type { Catalogue } from './index.ts'

/**
 * Messages of one-time access codes: respondents' errors (they have no account and no one at
 * hand, so each says what to do next), staff errors when issuing a batch, and printed slip text.
 */
export const codesMessages: Catalogue = {
  'code-not-found': {
    vi: 'Mã truy cập không đúng. Hãy kiểm tra lại 16 ký tự in trên phiếu (không phân biệt chữ hoa, chữ thường). Nếu vẫn không được, xin liên hệ cơ quan đã phát mã cho Ông/Bà.',
    en: 'This access code is not valid. Check the 16 characters printed on your slip (upper or lower case both work). If it still fails, please contact the office that gave you the code.',
  },
  'code-used': {
    vi: 'Mã truy cập này đã được dùng để gửi phiếu lúc {usedAt}. Mỗi mã chỉ dùng được một lần. Nếu không phải Ông/Bà đã gửi, xin liên hệ cơ quan đã phát mã.',
    en: 'This access code was already used to send a questionnaire at {usedAt}. Each code works once. If it was not you, please contact the office that gave you the code.',
  },
  'code-expired': {
    vi: 'Mã truy cập này đã hết hạn lúc {expiresAt}, đợt khảo sát đã kết thúc. Nếu Ông/Bà vẫn muốn góp ý, xin liên hệ cơ quan đã phát mã.',
    en: 'This access code expired at {expiresAt}; the survey round is over. If you still wish to take part, please contact the office that gave you the code.',
  },
  'code-rate-limited': {
    vi: 'Đã có quá nhiều lần nhập sai mã từ mạng của Ông/Bà. Xin thử lại sau {minutes} phút, và kiểm tra kỹ mã trên phiếu.',
    en: 'Too many wrong codes were entered from your network. Please try again in {minutes, plural, one {{minutes} minute} other {{minutes} minutes}} and check the code on your slip carefully.',
  },
  'code-response-id-taken': {
    vi: 'Mã phiếu {id} đã thuộc về một phiếu trả lời khác. Xin tải lại trang rồi gửi lại; câu trả lời của Ông/Bà chưa được lưu.',
    en: 'The response id {id} already belongs to another questionnaire. Please reload the page and send again; your answers were not stored.',
  },
  'code-batch-not-found': {
    vi: 'Không có đợt phát mã số {id}.',
    en: 'There is no code batch {id}.',
  },
  'code-count-out-of-range': {
    vi: 'Số mã cần tạo phải là số nguyên từ 1 đến {max}.',
    en: 'The number of codes must be a whole number from 1 to {max}.',
  },
  'code-unknown-unit': {
    vi: 'Đơn vị "{unitId}" không có trong phiếu khảo sát "{surveyId}".',
    en: 'Unit "{unitId}" is not part of survey "{surveyId}".',
  },
  'code-unknown-group': {
    vi: 'Nhóm đối tượng "{groupId}" không có trong phiếu khảo sát "{surveyId}".',
    en: 'Group "{groupId}" is not part of survey "{surveyId}".',
  },
  'code-unknown-location': {
    vi: 'Địa bàn "{locationId}" không thuộc đơn vị "{unitId}".',
    en: 'Location "{locationId}" does not belong to unit "{unitId}".',
  },
  'code-location-required': {
    vi: 'Nhóm "{groupId}" được khảo sát theo xã/phường: hãy chọn địa bàn cho đợt mã này.',
    en: 'Group "{groupId}" is surveyed per commune or ward: choose the location for this batch.',
  },
  'code-invalid-expiry': {
    vi: 'Hạn dùng phải là một ngày (YYYY-MM-DD) hoặc một thời điểm có múi giờ (ISO 8601).',
    en: 'The expiry must be a date (YYYY-MM-DD) or a time with its offset (ISO 8601).',
  },
  'code-expiry-past': {
    vi: 'Hạn dùng {expiresAt} đã qua: mã tạo ra sẽ không dùng được.',
    en: 'The expiry {expiresAt} is already past: the codes could never be used.',
  },
  'code-round-closed': {
    vi: 'Đợt khảo sát của phiếu "{surveyId}" đã kết thúc ngày {closes}; không thể phát thêm mã.',
    en: 'The round of survey "{surveyId}" closed on {closes}; no more codes can be issued.',
  },
  'code-note-too-long': {
    vi: 'Ghi chú dài tối đa {max} ký tự.',
    en: 'The note may be at most {max} characters long.',
  },
  'code-key-missing': {
    vi: 'Không đọc được mã của đợt này vì tệp khóa mã (access-codes.key bên cạnh cơ sở dữ liệu, hoặc tệp ACCESS_CODE_KEY_FILE khi dùng PostgreSQL) đã mất hoặc bị thay. Các mã vẫn dùng được; hãy khôi phục tệp khóa từ bản sao lưu để in lại, hoặc tạo đợt mã mới.',
    en: 'The codes of this batch cannot be read: the code key file (access-codes.key beside the database, or the ACCESS_CODE_KEY_FILE file on PostgreSQL) is missing or was replaced. The codes still work; restore the key file from a backup to print them again, or issue a new batch.',
  },
  'code-slip-heading': {
    vi: 'Phiếu khảo sát trực tuyến',
    en: 'Online questionnaire',
  },
  'code-slip-instructions': {
    vi: 'Quét mã QR bằng điện thoại hoặc mở địa chỉ bên dưới, rồi trả lời các câu hỏi. Không cần tài khoản. Mã chỉ dùng được một lần.',
    en: 'Scan the QR code with your phone or open the address below, then answer the questions. No account needed. The code works once.',
  },
  'code-slip-code': {
    vi: 'Mã truy cập',
    en: 'Access code',
  },
  'code-slip-expires': {
    vi: 'Hạn dùng: {expiresAt}',
    en: 'Valid until: {expiresAt}',
  },
}
