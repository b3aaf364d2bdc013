import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { addDays, parseSurveyText, vietnamDate, type InvitationMessageList, type Survey } from '@parsurvey/shared'
import { afterEach, describe, expect, it } from 'vitest'
import { applyRegister } from '../register/import.ts'
import { startTestApp, type TestApp } from '../testing/harness.ts'
import { DEMO_ROUND_DAYS, openDemoRounds } from './round.ts'

/**
 * Issue 14 part 1: the survey files a fresh install publishes are the 2026 department and commune
 * surveys of a two-tier province, and an admin can use them at once whatever the date.
 */
const folder = resolve(import.meta.dirname, '../../../surveys')
const files = readdirSync(folder).filter((name) => /\.(ya?ml|json)$/i.test(name))
const demos: Survey[] = files.map((name) => {
  const parsed = parseSurveyText(readFileSync(resolve(folder, name), 'utf8'), name)
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.issues)}`)
  return parsed.survey
})
const demo = (unitKind: string) => demos.find((s) => s.unitKind === unitKind)!
const domains = (s: Survey) => s.criteria.map((c) => [c.id, c.label.vi])

let t: TestApp | undefined
afterEach(() => t?.close())

describe('the demo surveys', () => {
  it('are one department and one commune survey of 2026, and nothing of districts', () => {
    expect(demos.map((s) => [s.unitKind, s.year]).sort()).toEqual([
      ['commune', 2026],
      ['department', 2026],
    ])
  })

  it('rate 15–20 departments and boards, the industrial and economic zone boards among them', () => {
    const names = demo('department').units.map((u) => u.name.vi)
    expect(names.length).toBeGreaterThanOrEqual(15)
    expect(names.length).toBeLessThanOrEqual(20)
    expect(names.some((n) => /^Ban Quản lý .*khu công nghiệp/.test(n))).toBe(true)
    expect(names.some((n) => /^Ban Quản lý .*[Kk]hu kinh tế/.test(n))).toBe(true)
  })

  it('rate 60–120 communes, wards and special zones, without sampled locations', () => {
    const units = demo('commune').units
    expect(units.length).toBeGreaterThanOrEqual(60)
    expect(units.length).toBeLessThanOrEqual(120)
    const kinds = new Set(units.map((u) => /^(Xã|Phường|Đặc khu) /.exec(u.name.vi)?.[1]))
    expect([...kinds].sort()).toEqual(['Phường', 'Xã', 'Đặc khu'])
    expect(units.filter((u) => u.locations.length > 0)).toEqual([])
  })

  it('are answered by the post-reform groups, 3–10 forms per unit each, with a minCell the quota can reach', () => {
    const official = (s: Survey) => s.groups.filter((g) => !['citizen', 'business'].includes(g.id)).map((g) => g.id)
    expect(official(demo('department'))).toEqual(['delegate', 'dept-leader', 'commune-leader', 'commune-division-head'])
    expect(official(demo('commune'))).toEqual(['delegate', 'dept-leader', 'dept-division-head'])
    for (const survey of demos)
      for (const g of survey.groups) {
        expect(g.quotaPer, `${survey.id} ${g.id}`).toBe('unit')
        expect(g.quota, `${survey.id} ${g.id}`).toBeGreaterThanOrEqual(3)
        expect(g.quota, `${survey.id} ${g.id}`).toBeLessThanOrEqual(10)
        expect(g.minCell, `${survey.id} ${g.id}`).toBeLessThanOrEqual(g.quota)
      }
  })

  it('score the 8 domains of the provincial PAR Index, named alike in both', () => {
    expect(domains(demo('department')).map(([id]) => id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8'])
    expect(domains(demo('commune'))).toEqual(domains(demo('department')))
  })

  it('first started after their round, open from that day: codes and personal links for both at once', async () => {
    // The day after the files' round, or today when that day is past: the first start of an install.
    const after = Math.max(
      ...demos.map((s) => (s.round ? Date.parse(`${addDays(s.round.closes, 1)}T12:00:00+07:00`) : 0)),
    )
    const firstStart = new Date(Math.max(Date.now(), after))
    const opens = vietnamDate(firstStart)
    t = await startTestApp({ surveys: demos, app: { publicUrl: 'https://khaosat.example.gov.vn' } })
    const app = t
    expect(await openDemoRounds(app.services, demos, firstStart)).toEqual(
      demos.map(() => ({ opens, closes: addDays(opens, DEMO_ROUND_DAYS) })),
    )

    for (const survey of demos) {
      const batch = { surveyId: survey.id, version: survey.version, unitId: survey.units[0]!.id, groupId: 'delegate' }
      const issued = await app.request('/api/codes/batches', { json: { ...batch, count: 1 }, as: 'admin' })
      expect(issued.status, survey.id).toBe(201)

      const header = ['name', 'group', 'email', 'units']
      const rows = [{ line: 2, cells: ['Nguyễn Thị Hoa', 'delegate', `hoa@${survey.unitKind}.vn`, 'all'] }]
      const imported = await applyRegister(
        app.services,
        survey.id,
        { format: 'csv', header, rows },
        {
          userId: null,
          source: 'danh-sach.csv',
          locale: 'vi',
        },
      )
      expect('applied' in imported, survey.id).toBe(true)
      const reply = await app.request(`/api/invitations/${survey.id}/messages`, { as: 'admin' })
      const [message] = ((await reply.json()) as InvitationMessageList).messages
      expect(message!.link).toBe(`https://khaosat.example.gov.vn/r/${message!.code}`)
      const sitting = await app.request(`/api/respond/${message!.code}`)
      expect(sitting.status, survey.id).toBe(200)
      expect(((await sitting.json()) as { units: unknown[] }).units).toHaveLength(survey.units.length)
    }
  })
})
