import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

const THEME_COLOR = '#0f5132'

export default defineConfig({
  plugins: [
    vue(),
    VitePWA({
      // A surveyor may be mid-questionnaire: a new version waits until they choose to reload.
      registerType: 'prompt',
      strategies: 'generateSW',
      // src/pwa/register.ts registers the worker with workbox-window.
      injectRegister: false,
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
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
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // Every app route (/, /start/…, /r/…) opens the cached shell offline; the API never does.
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  // vue-i18n feature flags: Composition API only, no devtools, and messages compiled just in
  // time (no eval, so the CSP holds). Without them the legacy API ships in the first load.
  define: {
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __INTLIFY_JIT_COMPILATION__: true,
    __INTLIFY_DROP_MESSAGE_COMPILER__: false,
  },
  build: {
    rolldownOptions: {
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
})
