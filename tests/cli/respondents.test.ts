import { parseSurveyText } from '@parsurvey/shared'
import { createServices, openDatabase } from '@parsurvey/server'
import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { repoRoot, runCli } from './run-cli.ts'

let dataDir: string
let dbFile: string
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-cli-'))
  dbFile = path.join(dataDir, 'parsurvey.db')
  const parsed = parseSurveyText(
    fs.readFileSync(path.join(repoRoot, 'surveys/par-2026-department.yaml'), 'utf8'),
    'par-2026-department.yaml',
  )
  if (!parsed.ok) throw new Error('demo survey is invalid')
  const db = openDatabase(dbFile)
  createServices(db).sqlite.surveys.publish(parsed.survey, null)
  db.close()
})
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }))

const cli = (args: string[]) => runCli(args, { DATA_DIR: dataDir })
const write = (name: string, text: string) => {
  const file = path.join(dataDir, name)
  fs.writeFileSync(file, text)
  return file
}
const people = () => {
  const db = new Database(dbFile, { readonly: true })
  const rows = db.prepare('SELECT name, group_id AS groupId, email, phone FROM respondents ORDER BY id').all()
  db.close()
  return rows
}

describe('parsurvey respondents import', () => {
  it('prints each bad row with its line and imports nothing, then imports the fixed file', async () => {
    const header = 'name,position,organisation,group,email,phone,units'
    const bad = write(
      'bad.csv',
      [
        header,
        'Nguyễn Văn An,Đại biểu,HĐND tỉnh,delegate,an@hdnd.vn,,all',
        'Trần Thị Bình,Giám đốc,Sở Y tế,governor,,0912345678,all',
        'Lê Văn Cường,Giám đốc,Sở Y tế,dept-leader,,,so-y-te',
      ].join('\n'),
    )
    const refused = await cli(['respondents', 'import', '--survey', 'par-2026-department', bad])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(`${bad}:3 (group): The group "governor" is not in this survey`)
    expect(refused.stderr).toContain(`${bad}:4 (email): An e-mail or a phone number is needed.`)
    expect(refused.stderr).toContain(`${bad}:4 (units): Respondents do not rate their own unit ("so-y-te")`)
    expect(refused.stderr).toContain('Nothing imported: 3 errors.')
    expect(people()).toEqual([])

    const good = write(
      'good.csv',
      [
        header,
        'Nguyễn Văn An,Đại biểu,HĐND tỉnh,delegate,an@hdnd.vn,,all',
        'Trần Thị Bình,Giám đốc,Sở Y tế,dept-leader,,0912345678,all',
        'Lê Văn Cường,Phó Giám đốc,Sở Tài chính tỉnh Sơn Hà,dept-leader,cuong@stc.vn,,all',
      ].join('\n'),
    )
    const imported = await cli(['respondents', 'import', '--survey', 'par-2026-department', good])
    // Imported, and told that Cường's organisation only looks like a department he would rate.
    expect(imported.stderr.trim()).toBe(
      `${good}:4 (organisation): The organisation "Sở Tài chính tỉnh Sơn Hà" looks like the unit "Sở Tài chính" ` +
        'without matching its name, so this person is still asked to rate it. If they work there, put ' +
        '"so-tai-chinh" in the ownUnit column ("Mã đơn vị công tác") or the unit’s exact name in the organisation column.',
    )
    expect(imported.stdout.trim()).toBe(
      'Register of par-2026-department imported: 3 new, 0 updated, 0 unchanged; 3 people in all.',
    )
    expect(imported.code).toBe(0)
    expect(people()).toEqual([
      { name: 'Nguyễn Văn An', groupId: 'delegate', email: 'an@hdnd.vn', phone: null },
      { name: 'Trần Thị Bình', groupId: 'dept-leader', email: null, phone: '0912345678' },
      { name: 'Lê Văn Cường', groupId: 'dept-leader', email: 'cuong@stc.vn', phone: null },
    ])
  })

  it('says how to call it, and names a survey that does not exist', async () => {
    const usage = await cli(['respondents', 'import', 'x.csv'])
    expect(usage.code).toBe(1)
    expect(usage.stderr).toContain('usage: pnpm parsurvey respondents import --survey <id>')
    const missing = await cli(['respondents', 'import', '--survey', 'nope', write('a.csv', 'name,group,email,units\n')])
    expect(missing.code).toBe(1)
    expect(missing.stderr.trim()).toBe('There is no survey "nope".')
  })
})
