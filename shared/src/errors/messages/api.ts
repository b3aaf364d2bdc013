import type { Catalogue } from './index.ts'

/** Messages of the HTTP API: authentication, limits, routing. */
export const apiMessages: Catalogue = {
  'invalid-credentials': {
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'The username or password is not correct.',
  },
  'not-authenticated': {
    vi: 'Bạn cần đăng nhập để tiếp tục.',
    en: 'Please log in to continue.',
  },
  forbidden: {
    vi: 'Tài khoản của bạn không có quyền thực hiện thao tác này.',
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
  'internal-error': {
    vi: 'Máy chủ gặp lỗi ngoài dự kiến. Dữ liệu đã được lưu trước đó không bị ảnh hưởng; vui lòng thử lại.',
    en: 'The server hit an unexpected error. Data stored before is safe; please try again.',
  },
}
