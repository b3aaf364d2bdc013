import QRCode from 'qrcode'

/**
 * A personal link as a QR code, an SVG image URL for `<img src>` (medium error correction:
 * survives a crumpled letter; sharp at any print size).
 */
export async function qrImage(link: string): Promise<string> {
  const svg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
}
