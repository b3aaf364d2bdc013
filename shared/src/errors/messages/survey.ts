import type { Catalogue } from './index.ts'

/** Messages of survey definition validation (codes start with `survey-`). */
export const surveyMessages: Catalogue = {
  // The `validate` command.
  'survey-cli-usage': {
    vi: 'cách dùng: pnpm parsurvey validate TỆP [TỆP…]   (tệp .yaml, .yml hoặc .json)',
    en: 'usage: pnpm parsurvey validate FILE [FILE…]   (.yaml, .yml or .json files)',
  },
  'survey-cli-valid': {
    vi: '✓ {fileName} ({id} v{version})',
    en: '✓ {fileName} ({id} v{version})',
  },
  // Reading the file.
  'survey-file-unreadable': {
    vi: 'Không đọc được tệp "{fileName}": {detail}',
    en: 'Cannot read the file "{fileName}": {detail}',
  },
  'survey-unknown-format': {
    vi: 'Không nhận ra định dạng của "{fileName}": tên tệp phải kết thúc bằng .yaml, .yml hoặc .json.',
    en: 'Unknown format for "{fileName}": the file name must end in .yaml, .yml or .json.',
  },
  'survey-empty': {
    vi: 'Tệp trống: chưa có nội dung bộ câu hỏi.',
    en: 'The file is empty: it holds no survey definition.',
  },
  'survey-syntax': {
    vi: 'Lỗi cú pháp {format} ở dòng {line}, cột {column}: {problem}',
    en: '{format} syntax error at line {line}, column {column}: {problem} (parser: {detail})',
  },
  'survey-syntax-no-position': {
    vi: 'Lỗi cú pháp {format}: {problem}',
    en: '{format} syntax error: {problem} (parser: {detail})',
  },
  // The problems of a syntax error (`problem`), in place of the parser's English.
  'survey-syntax-indent': {
    vi: 'thụt lề không đúng: các mục cùng cấp phải bắt đầu ở cùng một cột, và dấu [ hoặc { phải được đóng.',
    en: 'wrong indentation: items of one level must start in the same column, and a [ or { must be closed.',
  },
  'survey-syntax-tab': {
    vi: 'dòng này thụt lề bằng phím Tab; YAML chỉ chấp nhận dấu cách.',
    en: 'this line is indented with a tab; YAML accepts spaces only.',
  },
  'survey-syntax-duplicate-key': {
    vi: 'khóa này đã có ở trên trong cùng một mục; mỗi khóa chỉ được viết một lần.',
    en: 'this key already appears above in the same item; write each key once.',
  },
  'survey-syntax-quote': {
    vi: 'thiếu dấu ngoặc kép đóng của một chuỗi bắt đầu trước đó.',
    en: 'a quoted text that starts earlier is never closed.',
  },
  'survey-syntax-colon': {
    vi: 'thiếu dấu hai chấm sau tên khóa (viết "khóa: giá trị", có dấu cách sau dấu hai chấm).',
    en: 'a key is not followed by a colon (write "key: value", with a space after the colon).',
  },
  'survey-syntax-key-line': {
    vi: 'mỗi khóa phải nằm trên một dòng riêng, viết "khóa: giá trị"; không viết hai khóa trên một dòng và không thụt lề dòng sau sâu hơn.',
    en: 'each key goes on its own line as "key: value"; do not put two keys on one line or indent the next line deeper.',
  },
  'survey-syntax-documents': {
    vi: 'tệp chứa nhiều tài liệu (ngăn bằng ---); mỗi tệp chỉ chứa một bộ câu hỏi.',
    en: 'the file holds several documents (separated by ---); put one survey in a file.',
  },
  'survey-syntax-character': {
    vi: 'ký tự không được phép ở đây; một giá trị bắt đầu bằng @, `, %, * hoặc & phải đặt trong dấu ngoặc kép.',
    en: 'a character that is not allowed here; a value starting with @, `, %, * or & must be quoted.',
  },
  'survey-syntax-aliases': {
    vi: 'tệp dùng quá nhiều tham chiếu (*tên) hoặc một cấu trúc YAML không được hỗ trợ.',
    en: 'the file uses too many aliases (*name) or a YAML feature that is not supported.',
  },
  'survey-syntax-json': {
    vi: 'hãy kiểm tra dấu phẩy, dấu ngoặc và dấu ngoặc kép quanh vị trí này (JSON không cho phép dấu phẩy sau mục cuối).',
    en: 'check the commas, brackets and quotes around this place (JSON allows no comma after the last item).',
  },
  'survey-syntax-other': {
    vi: 'nội dung không đúng cú pháp YAML; hãy so với tệp mẫu trong thư mục surveys/.',
    en: 'the text is not valid YAML; compare it with a sample file in the surveys/ folder.',
  },
  'survey-not-object': {
    vi: 'Nội dung tệp phải là một bảng khóa–giá trị (id, version, groups…), nhưng lại là {received}.',
    en: 'The file must hold a mapping of keys (id, version, groups…), but holds {received}.',
  },
  // Shape of values.
  'survey-required': {
    vi: '{path}: thiếu giá trị bắt buộc.',
    en: '{path} is required but missing.',
  },
  'survey-wrong-type': {
    vi: '{path}: cần kiểu {expected} nhưng đang là {received}.',
    en: '{path} must be a {expected}, not a {received}.',
  },
  'survey-too-few-items': {
    vi: '{path}: cần ít nhất {minimum} mục.',
    en: '{path} needs at least {minimum, plural, one {{minimum} item} other {{minimum} items}}.',
  },
  'survey-too-many-items': {
    vi: '{path}: có nhiều hơn {maximum} mục cho phép.',
    en: '{path} has more than the allowed {maximum} items.',
  },
  'survey-empty-text': {
    vi: '{path}: không được để trống.',
    en: '{path} must not be empty.',
  },
  'survey-text-too-long': {
    vi: '{path}: dài quá {maximum} ký tự.',
    en: '{path} is longer than {maximum} characters.',
  },
  'survey-out-of-range': {
    vi: '{path}: giá trị {value} nằm ngoài khoảng cho phép (cần {bound}).',
    en: '{path} is {value}, outside the allowed range (must be {bound}).',
  },
  'survey-invalid-id': {
    vi: '{path}: mã "{value}" không hợp lệ; chỉ dùng chữ, số, ".", "-" hoặc "_" và bắt đầu bằng chữ hoặc số.',
    en: '{path} "{value}" is not a valid id; use letters, digits, ".", "-" or "_", starting with a letter or digit.',
  },
  'survey-reserved-id': {
    vi: '{path}: không dùng được "{value}" làm mã vì đây là tên dành riêng của hệ thống; hãy đặt tên khác.',
    en: '{path} "{value}" cannot be used as an id because the name is reserved; choose another.',
  },
  'survey-invalid-date': {
    vi: '{path}: "{value}" không phải ngày hợp lệ dạng YYYY-MM-DD.',
    en: '{path} "{value}" is not a valid YYYY-MM-DD date.',
  },
  'survey-unknown-key': {
    vi: '{path}: khóa không có trong định dạng phiếu (có thể viết sai chính tả?); xem surveys/README.md.',
    en: '{path} is not a key of the survey format (a misspelling?); see surveys/README.md.',
  },
  'survey-invalid-choice': {
    vi: '{path}: "{value}" không được chấp nhận; chọn một trong: {allowed}.',
    en: '{path} "{value}" is not allowed; use one of: {allowed}.',
  },
  'survey-invalid-value': {
    vi: '{path}: giá trị "{value}" không hợp lệ ({detail}).',
    en: '{path} "{value}" is not valid ({detail}).',
  },
  // Points and criteria.
  'survey-points-sum': {
    vi: '{path} là {surveyPoints} nhưng tổng maxPoints của các tiêu chí lá là {sum}.',
    en: '{path} is {surveyPoints} but the leaf criteria maxPoints add up to {sum}.',
  },
  'survey-points-total': {
    vi: '{path}: surveyPoints ({surveyPoints}) + selfAssessmentPoints ({selfAssessmentPoints}) = {total}, phải bằng 100.',
    en: '{path}: surveyPoints ({surveyPoints}) + selfAssessmentPoints ({selfAssessmentPoints}) = {total}, it must be 100.',
  },
  'survey-leaf-without-points': {
    vi: '{path}: tiêu chí "{id}" không có tiêu chí con nên phải có maxPoints.',
    en: '{path}: criterion "{id}" has no children, so it needs maxPoints.',
  },
  'survey-parent-with-points': {
    vi: '{path}: tiêu chí "{id}" có tiêu chí con nên không được có maxPoints (điểm nằm ở các tiêu chí lá).',
    en: '{path}: criterion "{id}" has children, so it must not have maxPoints (points sit on the leaves).',
  },
  'survey-leaf-without-questions': {
    vi: '{path}: không có câu hỏi nào gắn với tiêu chí lá "{id}", nên tiêu chí này không bao giờ được chấm điểm.',
    en: '{path}: no question is mapped to leaf criterion "{id}", so it can never score.',
  },
  // Classification.
  'survey-classification-order': {
    vi: '{path}: các mức xếp loại phải giảm dần, nhưng {min} không nhỏ hơn mức trước ({previous}).',
    en: '{path}: classification bands must go down strictly, but {min} is not below the previous {previous}.',
  },
  'survey-classification-last': {
    vi: '{path}: mức xếp loại cuối cùng phải có min là 0 (đang là {min}) để mọi tổng điểm đều được xếp loại.',
    en: '{path}: the last classification band must have min 0 (it is {min}) so every total gets a class.',
  },
  // Duplicate ids.
  'survey-duplicate-criterion': {
    vi: '{path}: mã tiêu chí "{id}" bị trùng (đã dùng ở {first}).',
    en: '{path}: criterion id "{id}" is used twice (first at {first}).',
  },
  'survey-duplicate-group': {
    vi: '{path}: mã nhóm đối tượng "{id}" bị trùng (đã dùng ở {first}).',
    en: '{path}: group id "{id}" is used twice (first at {first}).',
  },
  'survey-duplicate-unit': {
    vi: '{path}: mã đơn vị "{id}" bị trùng (đã dùng ở {first}).',
    en: '{path}: unit id "{id}" is used twice (first at {first}).',
  },
  'survey-duplicate-location': {
    vi: '{path}: mã địa bàn "{id}" bị trùng trong cùng đơn vị (đã dùng ở {first}).',
    en: '{path}: location id "{id}" is used twice in the same unit (first at {first}).',
  },
  'survey-duplicate-question': {
    vi: '{path}: mã câu hỏi "{id}" bị trùng (đã dùng ở {first}).',
    en: '{path}: question id "{id}" is used twice (first at {first}).',
  },
  'survey-duplicate-option': {
    vi: '{path}: phương án "{id}" bị trùng trong cùng câu hỏi (đã dùng ở {first}).',
    en: '{path}: option value "{id}" is used twice in the same question (first at {first}).',
  },
  'survey-duplicate-band': {
    vi: '{path}: mã xếp loại "{id}" bị trùng (đã dùng ở {first}).',
    en: '{path}: classification id "{id}" is used twice (first at {first}).',
  },
  // Groups, units, round.
  'survey-unit-without-locations': {
    vi: '{path}: đơn vị "{unit}" chưa có địa bàn nào, trong khi nhóm "{group}" tính chỉ tiêu theo địa bàn (quotaPer: location).',
    en: '{path}: unit "{unit}" has no locations, but group "{group}" sets its quota per location (quotaPer: location).',
  },
  'survey-group-without-questions': {
    vi: '{path}: nhóm đối tượng "{id}" không được hỏi câu hỏi nào.',
    en: '{path}: group "{id}" is not asked any question.',
  },
  'survey-round-order': {
    vi: '{path}: ngày kết thúc đợt khảo sát ({closes}) trước ngày bắt đầu ({opens}).',
    en: '{path}: the survey round closes ({closes}) before it opens ({opens}).',
  },
  // Questions and options.
  'survey-unknown-group': {
    vi: '{path}: nhóm đối tượng "{id}" không có trong danh sách groups.',
    en: '{path} "{id}" is not a group of this survey.',
  },
  'survey-unknown-criterion': {
    vi: '{path}: tiêu chí "{id}" không có trong cây tiêu chí.',
    en: '{path} "{id}" is not a criterion of this survey.',
  },
  'survey-not-applicable-not-leaf': {
    vi: '{path}: "{id}" không phải tiêu chí lá của bộ câu hỏi; đơn vị "{unit}" chỉ được miễn các tiêu chí lá.',
    en: '{path} "{id}" is not a leaf criterion of this survey; unit "{unit}" can only be exempted from leaves.',
  },
  'survey-duplicate-not-applicable': {
    vi: '{path}: tiêu chí "{id}" đã được liệt kê ở {first}.',
    en: '{path}: criterion "{id}" is already listed at {first}.',
  },
  'survey-all-not-applicable': {
    vi: '{path}: đơn vị "{unit}" được miễn mọi tiêu chí nên không còn gì để chấm điểm điều tra; bỏ bớt ít nhất một tiêu chí.',
    en: '{path}: unit "{unit}" is exempted from every criterion, so nothing is left to score; remove at least one.',
  },
  'survey-criterion-not-leaf': {
    vi: '{path}: "{id}" không phải tiêu chí lá; câu hỏi chỉ được gắn với tiêu chí không có tiêu chí con.',
    en: '{path} "{id}" is not a leaf criterion; questions map only to criteria without children.',
  },
  'survey-scored-not-choice': {
    vi: '{path}: câu hỏi "{id}" được tính điểm (có criterion) nên phải là câu hỏi chọn một phương án (type: single).',
    en: '{path}: question "{id}" is scored (has a criterion), so it must be a single-choice question (type: single).',
  },
  'survey-too-few-options': {
    vi: '{path}: câu hỏi lựa chọn "{id}" cần ít nhất 2 phương án trả lời (đang có {count}).',
    en: '{path}: choice question "{id}" needs at least 2 options (it has {count}).',
  },
  'survey-option-without-score': {
    vi: '{path}: phương án "{value}" của câu hỏi tính điểm phải có score (từ 0 đến 1, hoặc null cho "Không biết").',
    en: '{path}: option "{value}" of a scored question needs a score (0 to 1, or null for "don\'t know").',
  },
  'survey-no-scored-option': {
    vi: '{path}: câu hỏi tính điểm "{id}" cần ít nhất một phương án có điểm (score khác null).',
    en: '{path}: scored question "{id}" needs at least one option with a score that is not null.',
  },
}
