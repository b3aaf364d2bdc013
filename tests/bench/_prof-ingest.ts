import { createServices, openDatabase, ingestBatch } from '@parsurvey/server'
import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path'
import { benchSurvey, responses } from './data.ts'
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prof-'))
const db = openDatabase(path.join(dir, 'p.db')); const services = createServices(db)
const survey = benchSurvey(); services.surveys.publish(survey, null)
const user = services.users.create({ username: 'u', passwordHash: 'x', role: 'admin', units: 'all' })
const all = [...responses(survey, 20000, 'p')].map((r) => JSON.parse(JSON.stringify(r)))
const t = performance.now()
for (let i = 0; i < all.length; i += 100) ingestBatch(services, user, all.slice(i, i + 100), 'en')
console.log('ingest direct /s', all.length / ((performance.now() - t) / 1000))
