import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { initWasm, Resvg } from '@resvg/resvg-wasm'

const require = createRequire(import.meta.url)
let ready: Promise<Uint8Array> | undefined

/**
 * resvg compiled to WebAssembly (no native module, nothing downloaded at install), set up once,
 * with DejaVu Sans from the `dejavu-fonts-ttf` package: the renderer sees no system fonts, so
 * the chart looks the same on every machine and Vietnamese diacritics always have glyphs.
 */
function renderer(): Promise<Uint8Array> {
  ready ??= (async () => {
    const [wasm, font] = await Promise.all([
      readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm')),
      readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    ])
    await initWasm(wasm)
    return new Uint8Array(font)
  })()
  return ready
}

/** An SVG drawing as a PNG at `scale` × its size. */
export async function svgToPng(svg: string, scale = 2): Promise<Uint8Array> {
  const font = await renderer()
  const resvg = new Resvg(svg, {
    font: { fontBuffers: [font], defaultFontFamily: 'DejaVu Sans', loadSystemFonts: false },
    fitTo: { mode: 'zoom', value: scale },
  })
  const image = resvg.render()
  const png = image.asPng()
  image.free()
  resvg.free()
  return png
}
