import { describe, expect, it } from 'vitest'
import { createServices } from '../services.ts'
import { storageEngines } from '../testing/storage-engines.ts'

const postgres = storageEngines.find((engine) => engine.name === 'PostgreSQL')!

/**
 * On PostgreSQL, code that reaches one of SQLite's own members (its connection, its synchronous
 * repositories) fails at once, naming the member and what it is, instead of working on a SQLite
 * file nobody asked for or on nothing.
 */
describe('the services on PostgreSQL', () => {
  it('refuse SQLite’s own members, naming each, and serve the ports', async () => {
    const opened = await postgres.open()
    try {
      if (opened.storage.engine !== 'postgres') throw new Error('expected PostgreSQL')
      const services = createServices({ engine: 'postgres', storage: opened.storage })
      for (const member of ['db', 'sqlite', 'folding', 'review', 'paperForms'] as const)
        expect(() => services[member], member).toThrow(`services.${member} exists on SQLite only`)
      expect(await services.users.count()).toBe(0)
      await services.backgroundFolds.close()
    } finally {
      await opened.drop()
    }
  })
})
