import { buildServer } from './support/built-server.ts'

/**
 * Integration, browser, CLI and crash tests start the built server and CLI, as production runs
 * them: build them from the current sources once per run, so a test never meets a stale build.
 */
export default function setup(): void {
  buildServer()
}
