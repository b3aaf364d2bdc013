import type { Locale } from '@parsurvey/shared'
import type { User } from '../db/users.ts'
import type { Services } from '../services.ts'

/** Variables every handler can read with `c.get(...)`. */
export type AppEnv = {
  Variables: {
    services: Services
    locale: Locale
    user: User | undefined
  }
}
