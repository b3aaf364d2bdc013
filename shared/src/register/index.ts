export * from './columns.ts'
export * from './contact.ts'
export * from './check.ts'
export { unitResolver } from './units.ts'
