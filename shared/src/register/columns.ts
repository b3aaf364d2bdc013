import { unitIdKey } from '../score-inputs/table.ts'

/**
 * The columns of a respondent register (danh sách người được khảo sát) and the header names a
 * province may use for them: the English key, or a Vietnamese name with or without diacritics.
 */
export const REGISTER_COLUMNS = [
  'name',
  'position',
  'organisation',
  'group',
  'email',
  'phone',
  'units',
  'ownUnit',
] as const
export type RegisterColumn = (typeof REGISTER_COLUMNS)[number]

/** Columns a register must have; `email` and `phone` may be blank but one of them must be there. */
export const REQUIRED_REGISTER_COLUMNS: readonly RegisterColumn[] = ['name', 'group', 'units']

/** Header names per column, compared after `headerKey` (so case, spaces and diacritics do not matter). */
const ALIASES: Record<RegisterColumn, string[]> = {
  name: ['name', 'fullname', 'họ và tên', 'họ tên', 'tên', 'người được khảo sát'],
  position: ['position', 'title', 'chức vụ', 'chức danh'],
  organisation: ['organisation', 'organization', 'cơ quan', 'đơn vị công tác', 'cơ quan đơn vị', 'nơi công tác'],
  group: ['group', 'groupid', 'nhóm', 'nhóm đối tượng', 'đối tượng'],
  email: ['email', 'e-mail', 'mail', 'thư điện tử', 'địa chỉ email'],
  phone: ['phone', 'mobile', 'điện thoại', 'số điện thoại', 'sđt', 'zalo', 'số zalo'],
  units: ['units', 'unitids', 'đơn vị đánh giá', 'đơn vị được đánh giá', 'các đơn vị đánh giá', 'đánh giá đơn vị'],
  ownUnit: ['ownunit', 'ownunitid', 'mã đơn vị công tác', 'đơn vị của mình', 'đơn vị mình'],
}

/**
 * What a header cell or a name is compared by: Unicode-normalised, lower case, without
 * diacritics (đ as d), and without anything but letters and digits.
 * @example headerKey(' Họ và tên ') === headerKey('ho_va_ten') === 'hovaten'
 */
export function headerKey(text: string): string {
  return unitIdKey(text).replace(/[^\p{L}\p{N}]/gu, '')
}

const BY_KEY = new Map<string, RegisterColumn>(
  REGISTER_COLUMNS.flatMap((column) => ALIASES[column].map((alias) => [headerKey(alias), column] as const)),
)

/** The column a header cell names, or undefined for a column the register does not use. */
export function registerColumnOf(header: string): RegisterColumn | undefined {
  return BY_KEY.get(headerKey(header))
}
