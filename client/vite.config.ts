import vue from '@vitejs/plugin-vue'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { defineConfig, type Plugin } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { fieldPrecache } from './build/field-precache.ts'

const THEME_COLOR = '#0f5132'

type CompiledMessages = { [key: string]: unknown }
type BaseCompile = (source: string, options: Record<string, unknown>) => { ast: unknown; detectError?: boolean }

/**
 * The UI catalogues (src/i18n/messages) compiled at build time into vue-i18n's message AST, as
 * vue-i18n's own bundler plugin would: the app then ships without the message compiler and
 * compiles nothing at start. The compiler is the one vue-i18n itself depends on (same version
 * as the runtime that reads the AST). A message that does not compile fails the build.
 */
function precompiledMessages(): Plugin {
  const MESSAGES = /[\\/]src[\\/]i18n[\\/]messages[\\/][\w-]+\.(vi|en)\.json$/
  const PREFIX = '\0parsurvey-messages:'
  let baseCompile: BaseCompile | undefined
  async function compiler(): Promise<BaseCompile> {
    if (baseCompile) return baseCompile
    const fromVueI18n = createRequire(createRequire(import.meta.url).resolve('vue-i18n/package.json'))
    const fromCore = createRequire(fromVueI18n.resolve('@intlify/core-base/package.json'))
    const path = fromCore.resolve('@intlify/message-compiler')
    baseCompile = ((await import(pathToFileURL(path).href)) as { baseCompile: BaseCompile }).baseCompile
    return baseCompile
  }
  function compileTree(tree: CompiledMessages, compile: BaseCompile, file: string, prefix = ''): CompiledMessages {
    const out: CompiledMessages = {}
    for (const [key, value] of Object.entries(tree)) {
      const path = prefix ? `${prefix}.${key}` : key
      if (typeof value === 'string') {
        const errors: string[] = []
        const { ast } = compile(value, {
          jit: true,
          location: false,
          minify: true,
          onError: (e: Error) => errors.push(e.message),
        })
        if (errors.length > 0) throw new Error(`${file}: message "${path}" does not compile: ${errors.join('; ')}`)
        out[key] = ast
      } else out[key] = compileTree(value as CompiledMessages, compile, file, path)
    }
    return out
  }
  return {
    name: 'parsurvey:precompiled-messages',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!source.endsWith('.json')) return null
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true })
      return resolved && MESSAGES.test(resolved.id) ? PREFIX + resolved.id : null
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null
      const file = id.slice(PREFIX.length)
      this.addWatchFile(file)
      const tree = JSON.parse(fs.readFileSync(file, 'utf8')) as CompiledMessages
      // JSON.parse of a string literal: faster to parse than the same object written in JS.
      const json = JSON.stringify(compileTree(tree, await compiler(), file))
      return { code: `export default JSON.parse(${JSON.stringify(json)})`, moduleType: 'js' }
    },
  }
}

const precache = fieldPrecache()

export default defineConfig(({ command }) => ({
  plugins: [
    vue(),
    precompiledMessages(),
    precache.plugin,
    VitePWA({
      // A surveyor may be mid-questionnaire: a new version waits until they choose to reload.
      registerType: 'prompt',
      strategies: 'generateSW',
      // src/pwa/register.ts registers the worker with workbox-window.
      injectRegister: false,
      manifest: {
        name: 'parsurvey',
        short_name: 'parsurvey',
        description: 'Điều tra xã hội học Chỉ số cải cách hành chính (PAR Index)',
        lang: 'vi',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: THEME_COLOR,
        background_color: '#ffffff',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // The web manifest and its icons are added by the plugin itself; the office pages are left
        // out (build/field-precache.ts).
        globPatterns: ['**/*.{js,css,html}', 'apple-touch-icon.png'],
        manifestTransforms: [
          (entries) => ({ manifest: entries.filter((e) => !precache.officeOnly.has(e.url)), warnings: [] }),
        ],
        // An office page is cached when first opened (its file names carry their hash).
        runtimeCaching: [
          {
            urlPattern: ({ url }) => url.pathname.startsWith('/assets/'),
            handler: 'CacheFirst',
            options: { cacheName: 'office-pages', expiration: { maxEntries: 100 } },
          },
        ],
        // Every app route (/, /start/…, /r/…) opens the cached shell offline; the API never does.
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  // vue-i18n feature flags: Composition API only, no devtools, messages as AST (no eval, so the
  // CSP holds). Without them the legacy API ships in the first load. The build drops the message
  // compiler (precompiledMessages); the dev server compiles messages just in time.
  define: {
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __INTLIFY_JIT_COMPILATION__: true,
    __INTLIFY_DROP_MESSAGE_COMPILER__: command === 'build',
  },
  build: {
    rolldownOptions: {
      output: {
        // Dexie in a chunk of its own, which index.html preloads next to the entry: the two download
        // and compile side by side.
        codeSplitting: { groups: [{ name: 'dexie', test: /[\\/]node_modules[\\/].*dexie[\\/]/ }] },
        // V8's explicit compile hint: the start-up chunks are compiled whole while they stream in,
        // off the main thread, instead of function by function on the main thread as they first run.
        postBanner: (chunk) => (chunk.isEntry || chunk.name === 'vue-i18n' ? '//# allFunctionsCalledOnLoad\n' : ''),
      },
      treeshake: {
        // shared/ is pure and yaml has no side effects, but neither says so in its package.json:
        // without this, the survey-file parser (yaml) and unused domain modules land in the field app.
        moduleSideEffects: (id: string) => !/[\\/](shared[\\/]src|yaml)[\\/]/.test(id),
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:8787' },
  },
}))
