import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router'
import HomePage from './pages/HomePage.vue'
import LoginPage from './pages/LoginPage.vue'
import QuestionnairePage from './pages/QuestionnairePage.vue'
import RespondentPage from './pages/RespondentPage.vue'
import StartPage from './pages/StartPage.vue'
import { useSessionStore } from './stores/session.ts'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    analyst?: boolean
    /** A respondent's page: no surveyor header, no redirect to the surveyor's home. */
    respondent?: boolean
  }
}

/**
 * The field pages are in the main bundle so they open offline even before the service worker
 * has finished caching; analysis needs the network anyway and loads on demand.
 */
export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(),
    routes: [
      { path: '/login', name: 'login', component: LoginPage, meta: { public: true } },
      { path: '/', name: 'home', component: HomePage },
      { path: '/start/:surveyId/:version', name: 'start', component: StartPage, props: true },
      { path: '/q/:responseId', name: 'questionnaire', component: QuestionnairePage, props: true },
      // The printed access-code slips link here: public, no log-in.
      { path: '/r/:code?', name: 'respond', component: RespondentPage, props: true, meta: { public: true, respondent: true } },
      { path: '/analysis', name: 'analysis', component: () => import('./pages/AnalysisPage.vue'), meta: { analyst: true } },
      { path: '/:rest(.*)*', redirect: '/' },
    ],
  })
  router.beforeEach((to: RouteLocationNormalized) => {
    const session = useSessionStore()
    if (!session.user) return to.meta.public ? true : { name: 'login', query: to.fullPath === '/' ? {} : { next: to.fullPath } }
    if (to.meta.respondent) return true
    if (to.name === 'login') return { name: 'home' }
    if (to.meta.analyst && !session.canAnalyse) return { name: 'home' }
    return true
  })
  return router
}
