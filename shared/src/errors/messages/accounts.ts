import type { Catalogue } from './index.ts'

/** Messages of the server's accounts, audit and review routes, and of `parsurvey user`. */
export const accountsMessages: Catalogue = {
  'login-rate-limited': {
    vi: 'Đã đăng nhập sai quá nhiều lần. Vì lý do an toàn, vui lòng thử lại sau khoảng {minutes} phút.',
    en: 'Too many failed log-ins. For safety, please try again in about {minutes, plural, one {{minutes} minute} other {{minutes} minutes}}.',
  },
  'login-busy': {
    vi: 'Máy chủ đang bận kiểm tra nhiều lượt đăng nhập. Ông/Bà vui lòng thử lại sau khoảng {seconds} giây.',
    en: 'The server is busy checking many log-ins. Please try again in about {seconds, plural, one {{seconds} second} other {{seconds} seconds}}.',
  },
  'invalid-positive-integer': {
    vi: 'Trường "{field}" phải là một số nguyên dương.',
    en: 'The field "{field}" must be a positive whole number.',
  },
  'user-username-invalid': {
    vi: 'Tên đăng nhập phải dài 3–40 ký tự, chỉ gồm chữ thường không dấu, chữ số và các dấu . _ -',
    en: 'A username has 3–40 characters: lower-case letters a–z, digits, and . _ - only.',
  },
  'user-username-taken': {
    vi: 'Tên đăng nhập "{username}" đã có người dùng.',
    en: 'The username "{username}" is already taken.',
  },
  'user-role-unknown': {
    vi: 'Vai trò "{role}" không tồn tại. Các vai trò: admin, analyst, supervisor, surveyor.',
    en: 'There is no role "{role}". The roles are: admin, analyst, supervisor, surveyor.',
  },
  'user-units-invalid': {
    vi: 'Đơn vị phân công phải là "all" hoặc một danh sách mã đơn vị không rỗng.',
    en: 'Assigned units must be "all" or a non-empty list of unit ids.',
  },
  'user-units-not-applicable': {
    vi: 'Tài khoản vai trò {role} luôn xem được mọi đơn vị; không cần phân công đơn vị.',
    en: 'A {role} account always sees every unit; it takes no unit assignment.',
  },
  'user-password-too-short': {
    vi: 'Mật khẩu phải có ít nhất {min} ký tự.',
    en: 'The password needs at least {min} characters.',
  },
  'user-password-not-text': {
    vi: 'Mật khẩu phải là một chuỗi ký tự.',
    en: 'The password must be text.',
  },
  'user-password-too-long': {
    vi: 'Mật khẩu dài quá {max} ký tự.',
    en: 'The password is longer than {max} characters.',
  },
  'user-not-found': {
    vi: 'Không có tài khoản "{username}".',
    en: 'There is no account "{username}".',
  },
  'user-last-admin': {
    vi: 'Không thể khóa hoặc đổi vai trò của tài khoản quản trị cuối cùng đang hoạt động.',
    en: 'The last active admin account cannot be disabled or given another role.',
  },
  'user-already-disabled': {
    vi: 'Tài khoản "{username}" đã bị khóa từ trước.',
    en: 'The account "{username}" is already disabled.',
  },
  'user-already-enabled': {
    vi: 'Tài khoản "{username}" đang hoạt động.',
    en: 'The account "{username}" is already active.',
  },
  'review-reason-too-long': {
    vi: 'Lý do dài quá {max} ký tự.',
    en: 'The reason is longer than {max} characters.',
  },
  'review-response-not-found': {
    vi: 'Không có phiếu trả lời mã {id}.',
    en: 'There is no response {id}.',
  },
  'review-unit-not-assigned': {
    vi: 'Ông/Bà không được phân công giám sát đơn vị "{unitId}".',
    en: 'You are not assigned to review the unit "{unitId}".',
  },
  'review-response-already-voided': {
    vi: 'Phiếu {id} đã bị hủy từ trước.',
    en: 'Response {id} is already voided.',
  },
  'review-response-not-voided': {
    vi: 'Phiếu {id} không ở trạng thái bị hủy nên không cần khôi phục.',
    en: 'Response {id} is not voided, so there is nothing to restore.',
  },
  'review-conflict-not-found': {
    vi: 'Không có xung đột số {seq}.',
    en: 'There is no conflict number {seq}.',
  },
  'review-conflict-resolved': {
    vi: 'Xung đột số {seq} đã được xử lý.',
    en: 'Conflict number {seq} has already been resolved.',
  },
  'review-conflict-moves-response': {
    vi: 'Bản gửi lại thuộc phiếu khảo sát, phiên bản hoặc đơn vị khác với bản gốc nên không thể dùng để sửa phiếu. Hãy giữ bản gốc (hoặc hủy nó) và yêu cầu điều tra viên gửi một phiếu mới.',
    en: 'The resend belongs to another survey, version or unit than the original, so it cannot correct it. Keep the original (or void it) and ask the surveyor to send a new response.',
  },
  'review-action-unknown': {
    vi: 'Cách xử lý "{action}" không hợp lệ; chọn keep-original hoặc accept-new.',
    en: 'The action "{action}" is not valid; choose keep-original or accept-new.',
  },
  'cli-user-usage': {
    vi: 'cách dùng: pnpm parsurvey user add --username U --role R [--units mã,mã|all]   (mật khẩu qua đầu vào chuẩn)\n           pnpm parsurvey user disable --username U\n           pnpm parsurvey user reset-password --username U   (mật khẩu mới qua đầu vào chuẩn)\n           pnpm parsurvey user list',
    en: 'usage: pnpm parsurvey user add --username U --role R [--units id,id|all]   (password on stdin)\n       pnpm parsurvey user disable --username U\n       pnpm parsurvey user reset-password --username U   (new password on stdin)\n       pnpm parsurvey user list',
  },
  'cli-password-empty': {
    vi: 'Chưa nhập mật khẩu: hãy đưa mật khẩu qua đầu vào chuẩn (một dòng).',
    en: 'No password given: pass it on standard input (one line).',
  },
  'cli-user-created': {
    vi: 'Đã tạo tài khoản {username} ({role}).',
    en: 'Created the account {username} ({role}).',
  },
  'cli-user-disabled': {
    vi: 'Đã khóa tài khoản {username} và đăng xuất mọi phiên của tài khoản này.',
    en: 'Disabled the account {username} and ended all its sessions.',
  },
  'cli-user-password-reset': {
    vi: 'Đã đặt mật khẩu mới cho {username} và đăng xuất mọi phiên của tài khoản này.',
    en: 'Set a new password for {username} and ended all its sessions.',
  },
}
