import type { Catalogue } from './index.ts'

/** Messages of the HTTP API: authentication, limits, routing. */
export const apiMessages: Catalogue = {
  'invalid-credentials': {
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'The username or password is not correct.',
  },
  'not-authenticated': {
    vi: 'Ông/Bà cần đăng nhập để tiếp tục.',
    en: 'Please log in to continue.',
  },
  forbidden: {
    vi: 'Tài khoản của Ông/Bà không có quyền thực hiện thao tác này.',
    en: 'Your account is not allowed to do this.',
  },
  'not-found': {
    vi: 'Không tìm thấy địa chỉ được yêu cầu.',
    en: 'The requested address does not exist.',
  },
  'invalid-json': {
    vi: 'Nội dung gửi lên không phải JSON hợp lệ.',
    en: 'The request body is not valid JSON.',
  },
  'invalid-field': {
    vi: 'Trường "{field}" không hợp lệ: {reason}',
    en: 'Field "{field}" is not valid: {reason}',
  },
  'required-field': {
    vi: 'Thiếu trường bắt buộc "{field}".',
    en: 'The required field "{field}" is missing.',
  },
  'payload-too-large': {
    vi: 'Dữ liệu gửi lên quá lớn (tối đa {limit}). Hãy gửi thành nhiều lần nhỏ hơn.',
    en: 'The request is too large (at most {limit}). Send it in smaller parts.',
  },
  'inflated-too-large': {
    vi: 'Dữ liệu nén gửi lên khi giải nén vượt quá {limit}. Hãy gửi thành nhiều lần nhỏ hơn.',
    en: 'The compressed request inflates to more than {limit}. Send it in smaller parts.',
  },
  'invalid-gzip': {
    vi: 'Dữ liệu gửi lên khai báo nén gzip nhưng không giải nén được.',
    en: 'The request body is declared as gzip but cannot be decompressed.',
  },
  'unsupported-content-encoding': {
    vi: 'Máy chủ không nhận dữ liệu nén kiểu "{encoding}"; hãy dùng gzip hoặc không nén.',
    en: 'The server does not accept bodies encoded as "{encoding}"; use gzip or none.',
  },
  'survey-version-exists': {
    vi: 'Phiếu khảo sát "{id}" phiên bản {version} đã được phát hành với nội dung khác. Phiên bản đã phát hành không thể thay đổi; hãy tăng số phiên bản.',
    en: 'Survey "{id}" version {version} is already published with different content. Published versions never change; raise the version number.',
  },
  'survey-not-found': {
    vi: 'Không có phiếu khảo sát "{id}" phiên bản {version}.',
    en: 'There is no survey "{id}" version {version}.',
  },
  'json-too-deep': {
    vi: 'Dữ liệu JSON lồng nhau quá sâu (tối đa {max} cấp).',
    en: 'The JSON is nested too deeply (at most {max} levels).',
  },
  'invalid-request': {
    vi: 'Yêu cầu không hợp lệ.',
    en: 'The request is not valid.',
  },
  'sync-round-closed': {
    vi: 'Đợt khảo sát đã kết thúc ngày {closes}. Máy chủ vẫn lưu và tính phiếu này, nhưng phiếu được đánh dấu để giám sát viên xem xét.',
    en: 'The survey round closed on {closes}. The server keeps and counts this response, but marks it for a supervisor to review.',
  },
  'sync-responses-not-array': {
    vi: 'Trường "responses" phải là một danh sách phiếu trả lời.',
    en: 'The field "responses" must be a list of responses.',
  },
  'sync-batch-too-large': {
    vi: 'Mỗi lần chỉ gửi tối đa {max} phiếu. Hãy chia thành nhiều lần gửi.',
    en: 'Send at most {max} responses at a time. Split them into several batches.',
  },
  'sync-receipt-ids': {
    vi: 'Trường "ids" phải liệt kê từ 1 đến {max} mã phiếu, cách nhau bằng dấu phẩy.',
    en: 'The field "ids" must list 1 to {max} response ids, separated by commas.',
  },
  'response-unknown-survey': {
    vi: 'Máy chủ không có phiếu khảo sát "{id}" phiên bản {version}.',
    en: 'The server has no survey "{id}" version {version}.',
  },
  'response-unit-not-assigned': {
    vi: 'Ông/Bà không được phân công khảo sát đơn vị "{unitId}".',
    en: 'You are not assigned to survey the unit "{unitId}".',
  },
  'response-conflict': {
    vi: 'Máy chủ đã có một phiếu mã {id} với nội dung khác. Phiếu này được giữ lại để người giám sát xem xét; không có dữ liệu nào bị ghi đè.',
    en: 'The server already holds response {id} with different content. This copy is kept for a supervisor to review; nothing was overwritten.',
  },
  'response-id-taken': {
    vi: 'Mã phiếu {id} đã thuộc về một phiếu trả lời khác trên máy chủ nên phiếu này không được lưu. Phiếu vẫn được giữ trên máy; hãy báo cho người giám sát.',
    en: 'The response id {id} already belongs to another response on the server, so this one was not stored. It stays on the device; tell your supervisor.',
  },
  'cross-site-request': {
    vi: 'Yêu cầu thay đổi dữ liệu này đến từ một trang web khác nên đã bị từ chối. Hãy mở parsurvey trực tiếp rồi thử lại.',
    en: 'This request to change data came from another website and was refused. Open parsurvey directly and try again.',
  },
  'storage-unavailable': {
    vi: 'Máy chủ tạm thời không ghi được dữ liệu (ổ đĩa đầy, tệp chỉ cho phép đọc hoặc đang bận). Thao tác này chưa được lưu; dữ liệu đã được xác nhận trước đó vẫn an toàn. Hãy thử lại sau và báo cho quản trị viên.',
    en: 'The server cannot store data right now (disk full, read-only or busy). This was not saved; data confirmed before is safe. Try again later and tell the administrator.',
  },
  'metrics-token-invalid': {
    vi: 'Khóa xem số liệu vận hành (METRICS_TOKEN) gửi kèm không đúng.',
    en: 'The metrics token (METRICS_TOKEN) is not correct.',
  },
  'backup-on-postgres': {
    vi: 'Máy chủ đang dùng PostgreSQL: hãy sao lưu cơ sở dữ liệu bằng pg_dump theo lịch của máy chủ cơ sở dữ liệu (xem hướng dẫn triển khai), không tải về từ trang này.',
    en: "The server runs on PostgreSQL: back the database up with pg_dump on the database server's schedule (see the deployment guide), not by a download from this page.",
  },
  'not-ready-busy': {
    vi: 'Máy chủ chưa sẵn sàng: cơ sở dữ liệu đang bị một tiến trình khác giữ quyền ghi.',
    en: 'Not ready: another process holds the database write lock.',
  },
  'not-ready-read-only': {
    vi: 'Máy chủ chưa sẵn sàng: cơ sở dữ liệu chỉ cho phép đọc (tệp hoặc thư mục chứa nó chỉ đọc, hoặc máy chủ PostgreSQL đang ở chế độ chỉ đọc).',
    en: 'Not ready: the database takes no writes (its file or folder is read-only, or the PostgreSQL server is read-only).',
  },
  'not-ready-storage': {
    vi: 'Máy chủ chưa sẵn sàng: ổ đĩa đầy hoặc lỗi đọc/ghi khi mở cơ sở dữ liệu để ghi.',
    en: 'Not ready: the disk is full or failed while opening the database for writing.',
  },
  'not-ready-database': {
    vi: 'Máy chủ chưa sẵn sàng: cơ sở dữ liệu không trả lời.',
    en: 'Not ready: the database does not answer.',
  },
  'internal-error': {
    vi: 'Máy chủ gặp lỗi ngoài dự kiến. Dữ liệu đã được lưu trước đó không bị ảnh hưởng; vui lòng thử lại.',
    en: 'The server hit an unexpected error. Data stored before is safe; please try again.',
  },
}
