import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router'
import HomePage from './pages/HomePage.vue'
import LoginPage from './pages/LoginPage.vue'
import QuestionnairePage from './pages/QuestionnairePage.vue'
import StartPage from './pages/StartPage.vue'
import type { Role } from './api/endpoints.ts'
import { loadOfficeMessages } from './i18n/index.ts'
import { useSessionStore } from './stores/session.ts'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    analyst?: boolean
    /** A respondent's page: no surveyor header, no redirect to the surveyor's home. */
    respondent?: boolean
    /** Only these roles may open the page (administration and data-quality pages). */
    roles?: Role[]
    /** The page loads its content after mounting and calls firstScreenShown() itself. */
    showsItself?: boolean
    /** An office page (analysis, data quality, administration): its messages load before it opens. */
    office?: boolean
  }
}

/**
 * The surveyor's field pages are in the main bundle so they open offline even before the service
 * worker has finished caching; analysis needs the network anyway and loads on demand. The
 * respondent's page (`/r/…`, opened from a personal link or a printed code on the respondent's
 * own device, online the first time) is a chunk of its own: a surveyor's tablet does not load it
 * at start, and the service worker precaches it with the field app for offline reloads.
 */
export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(),
    routes: [
      { path: '/login', name: 'login', component: LoginPage, meta: { public: true } },
      { path: '/', name: 'home', component: HomePage },
      { path: '/start/:surveyId/:version', name: 'start', component: StartPage, props: true },
      {
        path: '/q/:responseId',
        name: 'questionnaire',
        component: QuestionnairePage,
        props: true,
        meta: { showsItself: true },
      },
      // The printed access-code slips link here: public, no log-in.
      {
        path: '/r/:code?',
        name: 'respond',
        component: () => import('./pages/RespondentPage.vue'),
        props: true,
        meta: { public: true, respondent: true },
      },
      {
        // The analyst views (pages/analysis/): supervisors may open Progress only.
        path: '/analysis',
        component: () => import('./pages/analysis/AnalysisLayout.vue'),
        meta: { office: true, roles: ['admin', 'analyst', 'supervisor'] },
        children: [
          { path: '', name: 'analysis', redirect: (to) => ({ name: 'analysis-progress', query: to.query }) },
          { path: 'progress', name: 'analysis-progress', component: () => import('./pages/analysis/ProgressView.vue') },
          {
            path: 'scores',
            name: 'analysis-scores',
            component: () => import('./pages/analysis/ScoresView.vue'),
            meta: { roles: ['admin', 'analyst'] },
          },
          {
            path: 'scores/:unitId',
            name: 'analysis-explain',
            component: () => import('./pages/analysis/ExplainView.vue'),
            props: true,
            meta: { roles: ['admin', 'analyst'] },
          },
          {
            path: 'summary/:unitId',
            name: 'analysis-summary',
            component: () => import('./pages/analysis/UnitSummaryView.vue'),
            props: true,
            meta: { roles: ['admin', 'analyst'] },
          },
          {
            path: 'compare',
            name: 'analysis-compare',
            component: () => import('./pages/analysis/CompareView.vue'),
            meta: { roles: ['admin', 'analyst'] },
          },
        ],
      },
      {
        path: '/quality',
        name: 'quality',
        component: () => import('./pages/quality/QualityPage.vue'),
        meta: { office: true, roles: ['admin', 'analyst', 'supervisor'] },
      },
      {
        // Paper forms under double entry: supervisors settle their units' forms, analysts read.
        path: '/quality/paper-forms',
        name: 'paper-forms',
        component: () => import('./pages/quality/PaperFormsPage.vue'),
        meta: { office: true, roles: ['admin', 'analyst', 'supervisor'] },
      },
      {
        path: '/admin/self-assessment',
        name: 'admin-self-assessment',
        component: () => import('./pages/admin/SelfAssessmentPage.vue'),
        meta: { office: true, roles: ['admin', 'analyst'] },
      },
      {
        path: '/admin/adjustments',
        name: 'admin-adjustments',
        component: () => import('./pages/admin/AdjustmentsPage.vue'),
        meta: { office: true, roles: ['admin', 'analyst'] },
      },
      {
        path: '/admin',
        component: () => import('./pages/admin/AdminLayout.vue'),
        meta: { office: true, roles: ['admin'] },
        children: [
          { path: '', redirect: '/admin/accounts' },
          { path: 'accounts', name: 'admin-accounts', component: () => import('./pages/admin/AccountsPage.vue') },
          { path: 'surveys', name: 'admin-surveys', component: () => import('./pages/admin/SurveysPage.vue') },
          { path: 'codes', name: 'admin-codes', component: () => import('./pages/admin/CodesPage.vue') },
          {
            path: 'respondents',
            name: 'admin-respondents',
            component: () => import('./pages/admin/RespondentsPage.vue'),
          },
          {
            path: 'invitations',
            name: 'admin-invitations',
            component: () => import('./pages/admin/InvitationsPage.vue'),
          },
          { path: 'audit', name: 'admin-audit', component: () => import('./pages/admin/AuditPage.vue') },
          { path: 'backup', name: 'admin-backup', component: () => import('./pages/admin/BackupPage.vue') },
        ],
      },
      { path: '/:rest(.*)*', redirect: '/' },
    ],
  })
  router.beforeEach((to: RouteLocationNormalized) => {
    const session = useSessionStore()
    if (!session.user)
      return to.meta.public ? true : { name: 'login', query: to.fullPath === '/' ? {} : { next: to.fullPath } }
    if (to.meta.respondent) return true
    if (to.name === 'login') return { name: 'home' }
    if (to.meta.analyst && !session.canAnalyse) return { name: 'home' }
    if (to.meta.roles && !to.meta.roles.includes(session.user.role)) return { name: 'home' }
    // Offline, the page opens with what it has; it needs the server anyway and says so itself.
    if (to.meta.office)
      return loadOfficeMessages().then(
        () => true,
        () => true,
      )
    return true
  })
  return router
}
