import type { Api } from './api/endpoints.ts'
import type { DeviceStore } from './storage/storage.ts'

/** The adapters the stores orchestrate: set once at start-up (main.ts) or per test. */
export type Services = { storage: DeviceStore; api: Api; now: () => Date }

let current: Services | undefined

export function provideServices(services: Services): void {
  current = services
}

export function useServices(): Services {
  if (!current) throw new Error('provideServices() must run before any store is used')
  return current
}
