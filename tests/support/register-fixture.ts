/**
 * A respondent register of 30 people for the 2026 department demo survey, as a province would
 * type it: Vietnamese headers, ";" separators, a BOM (Excel's "CSV UTF-8"). `broken` has two bad
 * rows (an unknown group, an e-mail without its domain); `fixed` is the same list corrected.
 */
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng']
const GIVEN = [
  'Văn An',
  'Thị Bình',
  'Văn Cường',
  'Thị Dung',
  'Minh Đức',
  'Thu Hà',
  'Quốc Hùng',
  'Thị Lan',
  'Văn Long',
  'Ngọc Mai',
]
const DEPARTMENTS: [string, string][] = [
  ['so-noi-vu', 'Sở Nội vụ'],
  ['so-tu-phap', 'Sở Tư pháp'],
  ['so-tai-chinh', 'Sở Tài chính'],
  ['so-xay-dung', 'Sở Xây dựng'],
  ['so-y-te', 'Sở Y tế'],
  ['so-giao-duc-va-dao-tao', 'Sở Giáo dục và Đào tạo'],
  ['so-cong-thuong', 'Sở Công Thương'],
  ['thanh-tra-tinh', 'Thanh tra tỉnh'],
  ['so-ngoai-vu', 'Sở Ngoại vụ'],
  ['so-khoa-hoc-va-cong-nghe', 'Sở Khoa học và Công nghệ'],
]

export type RegisterPerson = {
  name: string
  position: string
  organisation: string
  group: string
  email: string
  phone: string
  units: string
}

/** The 30 people: 8 delegates, 10 department leaders, 6 commune leaders, 6 commune division heads. */
export function registerPeople(): RegisterPerson[] {
  const people: RegisterPerson[] = []
  const name = (i: number) => `${FAMILY[i % 10]} ${GIVEN[(i * 3) % 10]}`
  for (let i = 0; i < 30; i++) {
    const person: RegisterPerson = {
      name: name(i),
      position: '',
      organisation: '',
      group: '',
      email: `nguoi${i + 1}@sonha.gov.vn`,
      phone: i % 3 === 0 ? `09${String(12345600 + i).padStart(8, '0')}` : '',
      units: 'all',
    }
    if (i < 8) Object.assign(person, { position: 'Đại biểu HĐND tỉnh', organisation: 'HĐND tỉnh', group: 'delegate' })
    else if (i < 18) {
      const [, dept] = DEPARTMENTS[i - 8]!
      Object.assign(person, { position: 'Phó Giám đốc', organisation: dept, group: 'dept-leader' })
    } else if (i < 24)
      Object.assign(person, {
        position: 'Chủ tịch UBND',
        organisation: `UBND xã Tân Lập ${i}`,
        group: 'commune-leader',
        units: 'so-noi-vu; so-tu-phap; so-tai-chinh; so-xay-dung; so-y-te',
      })
    else
      Object.assign(person, {
        position: 'Trưởng phòng Kinh tế',
        organisation: `UBND phường Đông Hải ${i}`,
        group: 'commune-division-head',
        units: 'so-xay-dung; so-y-te; so-cong-thuong; so-noi-vu',
      })
    people.push(person)
  }
  return people
}

const cell = (text: string) => (/[;"\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text)

export function registerCsv(people: RegisterPerson[]): string {
  const header = 'Họ và tên;Chức vụ;Cơ quan;Nhóm;Email;Số điện thoại;Đơn vị đánh giá'
  const rows = people.map((p) =>
    [p.name, p.position, p.organisation, p.group, p.email, p.phone, p.units].map(cell).join(';'),
  )
  return `\uFEFF${[header, ...rows].join('\r\n')}\r\n`
}

/** The list with two bad rows: line 6 names a group the survey lacks, line 13 an e-mail without its domain. */
export function brokenRegister(): { csv: string; badLines: number[] } {
  const people = registerPeople()
  people[4]!.group = 'dai-bieu-quoc-hoi'
  people[11]!.email = 'nguoi12@'
  return { csv: registerCsv(people), badLines: [6, 13] }
}
