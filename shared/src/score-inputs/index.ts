export * from './table.ts'
export * from './rows.ts'
export * from './self-assessment.ts'
export * from './adjustments.ts'
