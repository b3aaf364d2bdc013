import type { TestProject } from 'vitest/node'
import { startTestPostgres } from './postgres.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test PostgreSQL; `createTestDatabase()` makes a database on it. */
    pgAdminUrl: string
  }
}

/** vitest globalSetup of the storage project: one PostgreSQL for the run, stopped at its end. */
export default async function setup(project: TestProject): Promise<() => void> {
  const server = await startTestPostgres()
  project.provide('pgAdminUrl', server.adminUrl)
  return () => server.stop()
}
