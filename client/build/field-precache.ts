import type { Plugin } from 'vite'

/** Pages of the office (analysis, quality, administration): they show the server's data, so they need it. */
const OFFICE_PAGE = /[\\/]src[\\/]pages[\\/](analysis|quality|admin)[\\/]/

type ChunkInfo = {
  type: 'chunk'
  fileName: string
  isEntry: boolean
  facadeModuleId: string | null
  imports: string[]
  dynamicImports: string[]
  viteMetadata?: { importedCss: Set<string> }
}

/**
 * What a surveyor's tablet installs: the service worker precaches the field app (the entry, the
 * chunks it loads at once or later offline — validation, the other language) and leaves out the
 * office pages and what only they load (charts, tables): a tablet on 2G should not download
 * them to work offline, where they could show nothing anyway. They are cached when first opened
 * (runtime caching in vite.config.ts). `officeOnly` is filled while the bundle is written, before
 * the service worker is generated, and read by its `manifestTransforms`.
 */
export function fieldPrecache(): { plugin: Plugin; officeOnly: Set<string> } {
  const officeOnly = new Set<string>()
  const plugin: Plugin = {
    name: 'parsurvey:field-precache',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk') as unknown as ChunkInfo[]
      const byName = new Map(chunks.map((c) => [c.fileName, c]))
      const field = new Set<string>()
      const visit = (chunk: ChunkInfo) => {
        if (field.has(chunk.fileName)) return
        field.add(chunk.fileName)
        for (const css of chunk.viteMetadata?.importedCss ?? []) field.add(css)
        for (const name of chunk.imports) visit(byName.get(name)!)
        for (const name of chunk.dynamicImports) {
          const target = byName.get(name)
          if (target && !OFFICE_PAGE.test(target.facadeModuleId ?? '')) visit(target)
        }
      }
      for (const chunk of chunks) if (chunk.isEntry) visit(chunk)
      officeOnly.clear()
      for (const asset of Object.values(bundle)) {
        if (asset.fileName.startsWith('assets/') && !field.has(asset.fileName)) officeOnly.add(asset.fileName)
      }
    },
  }
  return { plugin, officeOnly }
}
