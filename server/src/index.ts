/** The server as a library, for tests and tools: build an app on a database file. */
export { createApp, MAX_BODY_BYTES } from './app.ts'
export { openDatabase, type DB } from './db/connection.ts'
export { createServices, type Services } from './services.ts'
export { hashPassword } from './auth/password.ts'
export { loadSurveyFiles, createDemoAccounts } from './seed.ts'
export { ingestBatch } from './testing/ingest.ts'
