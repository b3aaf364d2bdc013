import type { AccountList, AccountReply, PasswordOutcome } from '@parsurvey/shared'
import { Hono, type Context } from 'hono'
import { createAccount, resetPassword, setAccountDisabled, updateAccount, type Actor } from '../accounts/accounts.ts'
import { requireRole } from '../auth/middleware.ts'
import { readJson, requireObject } from '../http/body.ts'
import type { AppEnv } from '../http/context.ts'

const actor = (c: Context<AppEnv>): Actor => ({ userId: c.get('user')?.id ?? null, via: 'api' })
const body = async (c: Context<AppEnv>) => requireObject(await readJson(c))

/**
 * Account administration (admins only). Generated passwords appear in the answer once and are
 * stored only as a hash. Every change is audited.
 */
export const usersRoutes = new Hono<AppEnv>()
  .use(requireRole('admin'))
  .get('/', async (c) => c.json({ users: await c.get('services').users.list() } satisfies AccountList))
  .post('/', async (c) =>
    c.json((await createAccount(c.get('services'), actor(c), await body(c))) satisfies PasswordOutcome, 201),
  )
  .patch('/:username', async (c) =>
    c.json({
      user: await updateAccount(c.get('services'), actor(c), c.req.param('username'), await body(c)),
    } satisfies AccountReply),
  )
  .post('/:username/disable', async (c) =>
    c.json({
      user: await setAccountDisabled(c.get('services'), actor(c), c.req.param('username'), true),
    } satisfies AccountReply),
  )
  .post('/:username/enable', async (c) =>
    c.json({
      user: await setAccountDisabled(c.get('services'), actor(c), c.req.param('username'), false),
    } satisfies AccountReply),
  )
  // `{}` generates a password, `{ password }` sets that one.
  .post('/:username/password', async (c) =>
    c.json(
      (await resetPassword(
        c.get('services'),
        actor(c),
        c.req.param('username'),
        await body(c),
      )) satisfies PasswordOutcome,
    ),
  )
