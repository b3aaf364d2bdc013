import type { Catalogue } from './index.ts'

/** Double entry of paper forms (docs/paper-forms.md); codes start with `paper-entry-`. */
export const paperEntryMessages: Catalogue = {
  'paper-entry-held': {
    vi: 'Nhập kép: phiếu giấy đang chờ lần nhập thứ hai nên chưa được tính.',
    en: 'Double entry: the paper form is waiting for its second keying and does not count yet.',
  },
  'paper-entry-matched': {
    vi: 'Nhập kép: hai lần nhập khớp nhau, phiếu được tính một lần.',
    en: 'Double entry: the two keyings agree; the form counts once.',
  },
  'paper-entry-resolved': {
    vi: 'Nhập kép: phiếu đã được đối chiếu và chốt.',
    en: 'Double entry: the form has been settled.',
  },
  'paper-entry-serial-required': {
    vi: 'Phiếu khảo sát này yêu cầu nhập kép: phiếu giấy phải có số phiếu.',
    en: 'This survey asks for double entry: a paper form needs its serial number.',
  },
  'paper-entry-held-not-restorable': {
    vi: 'Phiếu {id} là một lần nhập của phiếu giấy số {serial} (nhập kép); hãy đối chiếu phiếu đó thay vì khôi phục.',
    en: 'Response {id} is a keying of paper form {serial} (double entry); settle that form instead of restoring it.',
  },
  'paper-entry-form-not-found': {
    vi: 'Không có phiếu giấy số {id} cần đối chiếu.',
    en: 'There is no paper form {id} to review.',
  },
  'paper-entry-form-settled': {
    vi: 'Phiếu giấy số {serial} đã được tính; không cần đối chiếu nữa.',
    en: 'Paper form {serial} already counts; there is nothing to settle.',
  },
  'paper-entry-keying-unknown': {
    vi: 'Phiếu giấy này không có lần nhập thứ {keying}.',
    en: 'This paper form has no keying number {keying}.',
  },
  'paper-entry-pick-other-version': {
    vi: 'Lần nhập thứ {keying} dùng phiên bản khác của phiếu khảo sát nên không thể lấy câu trả lời từ đó.',
    en: 'Keying {keying} uses another version of the survey, so no answer can be taken from it.',
  },
  'paper-entry-enabled-invalid': {
    vi: 'Trường "enabled" phải là true hoặc false.',
    en: 'The field "enabled" must be true or false.',
  },
}
