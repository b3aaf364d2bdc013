import { describe, expect, it } from 'vitest'
import type { User } from '../api/endpoints.ts'
import {
  DEVICE_USERS_KEPT,
  forgetDeviceUser,
  offlineLogin,
  reconfirmDeviceUser,
  rememberDeviceUser,
  type DeviceUser,
} from './device-users.ts'
import { makeVerifier } from './password-verifier.ts'

const user = (username: string, units: string[] = ['huyen-a']): User => ({ username, role: 'surveyor', units })
const entry = async (username: string, password = 'pw', confirmedAt = '2025-05-01T00:00:00Z'): Promise<DeviceUser> => ({
  user: user(username),
  verifier: await makeVerifier(password, 1000),
  confirmedAt,
})
const always = () => true

describe('device users', () => {
  it('keeps the last few users of the device, newest first, one entry each', async () => {
    let list: DeviceUser[] = []
    for (const name of ['a', 'b', 'c', 'd']) list = rememberDeviceUser(list, await entry(name))
    expect(list.map((e) => e.user.username)).toEqual(['d', 'c', 'b'].slice(0, DEVICE_USERS_KEPT))
    list = rememberDeviceUser(list, await entry('B'))
    expect(list.map((e) => e.user.username)).toEqual(['B', 'd', 'c'])
  })

  it('logs a known user in offline with their role and units; a wrong password or an unknown user is refused', async () => {
    const list = [await entry('lan', 'mật khẩu của Lan')]
    const ok = await offlineLogin(list, ' Lan ', 'mật khẩu của Lan', always)
    expect(ok).toMatchObject({ ok: true, entry: { user: { username: 'lan', role: 'surveyor', units: ['huyen-a'] } } })
    expect(await offlineLogin(list, 'lan', 'wrong', always)).toEqual({ ok: false, reason: 'wrong-password' })
    expect(await offlineLogin(list, 'minh', 'mật khẩu của Lan', always)).toEqual({ ok: false, reason: 'unknown-user' })
  })

  it('says "expired" only to someone who knows the password', async () => {
    const list = [await entry('lan', 'pw', '2025-01-01T00:00:00Z')]
    const never = (confirmedAt: string) => confirmedAt > '2025-02-01'
    expect(await offlineLogin(list, 'lan', 'wrong', never)).toEqual({ ok: false, reason: 'wrong-password' })
    expect(await offlineLogin(list, 'lan', 'pw', never)).toEqual({ ok: false, reason: 'expired' })
  })

  it('a new confirmation by the server updates role, units and time; forgetting removes the user', async () => {
    const list = [await entry('lan'), await entry('minh')]
    const updated = reconfirmDeviceUser(list, user('LAN', ['huyen-b']), '2025-06-01T00:00:00Z')
    expect(updated[0]).toMatchObject({ user: { units: ['huyen-b'] }, confirmedAt: '2025-06-01T00:00:00Z' })
    expect(updated[0]!.verifier).toEqual(list[0]!.verifier)
    expect(updated[1]).toEqual(list[1])
    expect(forgetDeviceUser(list, 'Lan').map((e) => e.user.username)).toEqual(['minh'])
  })
})
