/**
 * The number printed on a paper form is keyed in by hand, on tablets with different keyboards:
 * case, separators and look-alike characters vary while the form is the same. Two serials name
 * the same form when their keys are equal. The tablet's "already keyed in" warning and the
 * server's duplicate-serial flag both compare keys, so they always agree.
 *
 * The key is the serial after Unicode NFKC (full-width "ＢＫ０１２" → "BK012"), upper-cased, with
 * every space, dash (hyphen, en/em dash, minus sign), dot, underscore, slash and backslash removed.
 * Letters and digits are kept as typed otherwise: leading zeros and Vietnamese letters count.
 * @example paperSerialKey(' bk-0012 ') === paperSerialKey('BK 0012') // 'BK0012'
 */
export function paperSerialKey(serial: string): string {
  return serial
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\p{Pd}\u2212._/\\]+/gu, '')
}
