import { describe, expect, it } from 'vitest'
import { databaseName } from './config.ts'
import { postgresRefusal } from './server-database.ts'

const url = 'postgres://khaosat:p4ss-bi-mat@db.snv.vn:5432/parsurvey?password=p4ss-bi-mat'

describe('starting on PostgreSQL', () => {
  it('is refused without the shared key file, and while an area is not on PostgreSQL, listing each', () => {
    expect(postgresRefusal({ databaseUrl: undefined, accessCodeKeyFile: undefined }, ['sync'])).toBeUndefined()
    expect(postgresRefusal({ databaseUrl: url, accessCodeKeyFile: undefined }, [])).toContain(
      'ACCESS_CODE_KEY_FILE must name the access-code key file every app server shares',
    )
    const refused = postgresRefusal({ databaseUrl: url, accessCodeKeyFile: '/etc/parsurvey/k' }, ['exports', 'mail'])!
    expect(refused).toContain('DATABASE_URL names a PostgreSQL database, but these areas of the server are not yet')
    expect(refused).toContain('\n  - exports\n  - mail\n')
    expect(refused).toContain('Unset DATABASE_URL to run on SQLite in DATA_DIR')
    expect(refused).not.toContain('p4ss-bi-mat')
    expect(postgresRefusal({ databaseUrl: url, accessCodeKeyFile: '/etc/parsurvey/k' }, [])).toBeUndefined()
  })

  it('names the database in logs without its password or options', () => {
    expect(databaseName(url)).toBe('postgres://khaosat@db.snv.vn:5432/parsurvey')
    expect(databaseName('postgresql://db.snv.vn/parsurvey')).toBe('postgresql://db.snv.vn/parsurvey')
  })
})
