import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { databaseName, loadConfig, mailServer } from './config.ts'

describe('loadConfig', () => {
  it('trusts no proxy, sets no public origin and logs at info by default', () => {
    expect(loadConfig({})).toMatchObject({ trustProxy: [], publicUrl: undefined, logLevel: 'info' })
  })

  it('reads TRUST_PROXY as addresses and CIDR ranges separated by commas or spaces', () => {
    expect(loadConfig({ TRUST_PROXY: ' 127.0.0.1, ::1  10.0.0.0/8,' }).trustProxy).toEqual([
      '127.0.0.1',
      '::1',
      '10.0.0.0/8',
    ])
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['loopback'])
  })

  it('refuses a TRUST_PROXY entry that is not an address, naming the variable', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'caddy' })).toThrow(/TRUST_PROXY/)
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/)
    expect(() => loadConfig({ TRUST_PROXY: '*' })).toThrow(/TRUST_PROXY/)
  })

  it('reads PUBLIC_URL as an origin, and refuses one with a path or another scheme', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://KhaoSat.example.gov.vn/' }).publicUrl).toBe(
      'https://khaosat.example.gov.vn',
    )
    expect(loadConfig({ PUBLIC_URL: 'http://10.1.2.3:8787' }).publicUrl).toBe('http://10.1.2.3:8787')
    for (const bad of [
      'khaosat.example.gov.vn',
      'https://example.gov.vn/app',
      'ftp://example.gov.vn',
      'https://x/?a=1',
    ])
      expect(() => loadConfig({ PUBLIC_URL: bad }), bad).toThrow(/PUBLIC_URL/)
  })

  it('reads METRICS_TOKEN, and refuses one short enough to guess', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined()
    const token = 'a3f1c09e6b7d42e8a3f1c09e6b7d42e8'
    expect(loadConfig({ METRICS_TOKEN: ` ${token}\n` }).metricsToken).toBe(token)
    expect(() => loadConfig({ METRICS_TOKEN: 'secret' })).toThrow(/METRICS_TOKEN/)
    expect(() => loadConfig({ METRICS_TOKEN: 'two words that are long enough' })).toThrow(/METRICS_TOKEN/)
  })

  it('refuses an unknown LOG_LEVEL', () => {
    expect(loadConfig({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug')
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/)
  })

  it('reads SMTP_URL with MAIL_FROM, and never repeats the password when refusing', () => {
    expect(loadConfig({}).mail).toBeUndefined()
    const mail = loadConfig({ SMTP_URL: 'smtp://u:p4ss@mail.snv.vn:587', MAIL_FROM: 'Sở Nội vụ <ks@snv.vn>' }).mail!
    expect(mail.from).toBe('Sở Nội vụ <ks@snv.vn>')
    expect(mailServer(mail)).toBe('smtp://mail.snv.vn:587')
    expect(() => loadConfig({ SMTP_URL: 'smtp://u:p4ss@mail.snv.vn:587' })).toThrow(/MAIL_FROM/)
    for (const bad of ['http://u:p4ss@mail.snv.vn', 'not a url p4ss']) {
      expect(() => loadConfig({ SMTP_URL: bad, MAIL_FROM: 'a@b.vn' })).toThrow(/SMTP_URL/)
      expect(() => loadConfig({ SMTP_URL: bad, MAIL_FROM: 'a@b.vn' })).not.toThrow(/p4ss/)
    }
  })

  it('reads DATABASE_URL as a PostgreSQL URL, and never repeats the password when refusing', () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined()
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined()
    for (const good of ['postgres://ks:p4ss@db.snv.vn:5432/parsurvey', 'postgresql://ks@10.0.0.5/khaosat'])
      expect(loadConfig({ DATABASE_URL: good }).databaseUrl).toBe(good)
    for (const bad of ['mysql://ks:p4ss@db.snv.vn/parsurvey', 'postgres://ks:p4ss@db.snv.vn', 'db.snv.vn p4ss']) {
      expect(() => loadConfig({ DATABASE_URL: bad })).toThrow(/DATABASE_URL/)
      expect(() => loadConfig({ DATABASE_URL: bad })).not.toThrow(/p4ss/)
    }
  })

  it('reads the access-code key file every server on PostgreSQL shares, refusing one without a key', () => {
    const DATABASE_URL = 'postgres://ks:p4ss@db.snv.vn:5432/parsurvey'
    const file = keyFile()
    expect(loadConfig({ DATABASE_URL, ACCESS_CODE_KEY_FILE: file }).accessCodeKeyFile).toBe(file)
    expect(loadConfig({ DATABASE_URL }).accessCodeKeyFile).toBeUndefined()
    const notAKey = path.join(path.dirname(file), 'not-a-key')
    fs.writeFileSync(notAKey, 'short')
    for (const bad of [notAKey, path.join(path.dirname(file), 'missing.key')])
      expect(() => loadConfig({ DATABASE_URL, ACCESS_CODE_KEY_FILE: bad })).toThrow(
        /ACCESS_CODE_KEY_FILE ".*" must be a readable file holding a 32-byte base64 key/,
      )
    // On SQLite the key stays beside the database.
    expect(loadConfig({ ACCESS_CODE_KEY_FILE: file }).accessCodeKeyFile).toBeUndefined()
  })
})

/** A fresh access-code key file in a temporary folder. */
function keyFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parsurvey-key-'))
  const file = path.join(dir, 'access-codes.key')
  fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 })
  return file
}

describe('databaseName', () => {
  it('names the database in logs without its password or options', () => {
    const url = 'postgres://khaosat:p4ss-bi-mat@db.snv.vn:5432/parsurvey?password=p4ss-bi-mat'
    expect(databaseName(url)).toBe('postgres://khaosat@db.snv.vn:5432/parsurvey')
    expect(databaseName('postgresql://db.snv.vn/parsurvey')).toBe('postgresql://db.snv.vn/parsurvey')
  })
})
