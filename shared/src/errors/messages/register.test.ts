import { describe, expect, it } from 'vitest'
import { accountsMessages } from './accounts.ts'
import { analysisMessages } from './analysis.ts'
import { apiMessages } from './api.ts'
import { backupsMessages } from './backups.ts'
import { codesMessages } from './codes.ts'
import { exportsMessages } from './exports.ts'
import { invitationMessages } from './invitations.ts'
import { migrateMessages } from './migrate.ts'
import { qualityMessages } from './quality.ts'
import { responseMessages } from './response.ts'
import { roundsMessages } from './rounds.ts'
import { scoreMessages } from './score.ts'
import { surveyMessages } from './survey.ts'
import { surveyLogicMessages } from './survey-logic.ts'
import { xlsformMessages } from './xlsform.ts'

const areas = [
  accountsMessages,
  analysisMessages,
  apiMessages,
  backupsMessages,
  codesMessages,
  exportsMessages,
  invitationMessages,
  migrateMessages,
  qualityMessages,
  responseMessages,
  roundsMessages,
  scoreMessages,
  surveyMessages,
  surveyLogicMessages,
  xlsformMessages,
]

describe('server messages in Vietnamese', () => {
  it('address the reader one way, "Ông/Bà", never "bạn" nor a lower-case "ông/bà"', () => {
    for (const [code, { vi }] of areas.flatMap((area) => Object.entries(area))) {
      expect(vi, code).not.toMatch(/(^|[^\p{L}])bạn([^\p{L}]|$)/iu)
      expect(vi, code).not.toContain('ông/bà')
    }
  })
})
