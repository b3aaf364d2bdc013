import { parseSurveyText, type Survey } from '@parsurvey/shared'
import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser } from '../support/browser.ts'
import { fieldApp } from '../support/field-app.ts'
import { repoRoot } from '../support/server-process.ts'
import { demoSurvey } from './data.ts'
import type { Form } from './pages/form.ts'
import { startBenchServer, type BenchServer } from './server.ts'

const OPTIONS = [
  { value: 'rat-tot', vi: 'Rất tốt', en: 'Very good', score: 1 },
  { value: 'tot', vi: 'Tốt', en: 'Good', score: 0.75 },
  { value: 'binh-thuong', vi: 'Bình thường', en: 'Fair', score: 0.5 },
  { value: 'chua-tot', vi: 'Chưa tốt', en: 'Poor', score: 0 },
  { value: 'khong-biet', vi: 'Không biết / Không ý kiến', en: "Don't know", score: null },
]

/** A 40-question single-choice survey (5 Vietnamese options each), one unit, citizens only. */
export function formSurvey(): Survey {
  const demo = demoSurvey()
  const texts = demo.questions.filter((q) => q.criterion !== undefined)
  const leaves = [...new Set(texts.map((q) => q.criterion!))]
  const group = demo.groups.find((g) => g.id === 'citizen')!
  const questions = Array.from({ length: 40 }, (_, i) => ({
    id: `c${String(i + 1).padStart(2, '0')}`,
    criterion: leaves[i % leaves.length],
    groups: [group.id],
    text: texts[i % texts.length]!.text,
    type: 'choice',
    required: true,
    options: OPTIONS.map((o) => ({ value: o.value, label: { vi: o.vi, en: o.en }, score: o.score })),
  }))
  const variant = { ...demo, id: 'bench-form', groups: [group], units: demo.units.slice(0, 1), questions }
  const parsed = parseSurveyText(JSON.stringify(variant), 'bench-form.json')
  if (!parsed.ok) throw new Error(`bench form invalid: ${JSON.stringify(parsed.issues.slice(0, 3))}`)
  return parsed.survey
}

/** The same form as the peer pages get it (Vietnamese texts). */
export function formOf(survey: Survey): Form {
  return {
    questions: survey.questions.map((q) => ({ id: q.id, text: q.text.vi, options: q.options.map((o) => ({ value: o.value, label: o.label.vi })) })),
  }
}

export type OpenApp = { server: BenchServer; browser: Browser; page: Page; questionnaireUrl: string; survey: Survey; close: () => Promise<void> }

/**
 * The built field app (`client/dist`) served by the real server, in real Chromium: logged in as
 * the surveyor, service worker in control, a questionnaire of `formSurvey()` started.
 */
export async function openFieldApp(dataDir: string): Promise<OpenApp> {
  if (!fs.existsSync(path.join(repoRoot, 'client/dist/index.html'))) throw new Error('client/dist is missing: run `pnpm build` first')
  const survey = formSurvey()
  const server = await startBenchServer(dataDir, survey)
  const browser = await launchBrowser()
  try {
    const page = await (await browser.newContext()).newPage()
    const app = fieldApp(page)
    await page.goto(server.url)
    await app.logIn('surveyor', server.logins.get('surveyor') ?? '')
    await app.waitForOfflineShell()
    await app.start(survey.id, { unit: survey.units[0]!.id, group: survey.groups[0]!.id })
    return {
      server, browser, page, survey,
      questionnaireUrl: page.url(),
      close: async () => {
        await browser.close()
        await server.stop()
      },
    }
  } catch (error) {
    await browser.close()
    await server.stop()
    throw error
  }
}
