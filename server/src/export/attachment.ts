/**
 * A Content-Disposition header for a download. Survey ids may hold Vietnamese letters, which an
 * HTTP header cannot carry as such: the plain `filename` gets an ASCII fallback and `filename*`
 * the exact name (RFC 6266 / 5987).
 */
export function attachment(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}
