import type { User } from '../api/endpoints.ts'
import { checkVerifier, type PasswordVerifier } from './password-verifier.ts'

/**
 * The last users who logged in on this device with the server, each with a password verifier, so
 * they can log in again while offline (a surveyor who logged out in the field is not locked out).
 * Only a few are kept: a shared tablet remembers its own team, not everyone who ever touched it.
 */
export type DeviceUser = {
  /** As the server last described the user: role and units are restored from it offline. */
  user: User
  verifier: PasswordVerifier
  /** When the server last confirmed this user here (log-in or session check): offline use ends from it. */
  confirmedAt: string
}

export const DEVICE_USERS_KEPT = 3

/** Usernames are matched as the server matches them: spaces around dropped, ASCII case ignored. */
export function usernameKey(username: string): string {
  return username.trim().replace(/[A-Z]/g, (c) => c.toLowerCase())
}

const isUser = (username: string) => (entry: DeviceUser) => usernameKey(entry.user.username) === usernameKey(username)

/** The list with `entry` first, replacing that user's older entry, at most DEVICE_USERS_KEPT long. */
export function rememberDeviceUser(list: readonly DeviceUser[], entry: DeviceUser): DeviceUser[] {
  return [entry, ...list.filter((e) => !isUser(entry.user.username)(e))].slice(0, DEVICE_USERS_KEPT)
}

/** The server confirmed `user` again (no password involved): keep its new role and units, and the time. */
export function reconfirmDeviceUser(list: readonly DeviceUser[], user: User, at: string): DeviceUser[] {
  return list.map((e) => (isUser(user.username)(e) ? { ...e, user, confirmedAt: at } : e))
}

export function forgetDeviceUser(list: readonly DeviceUser[], username: string): DeviceUser[] {
  return list.filter((e) => !isUser(username)(e))
}

export type OfflineLogin =
  { ok: true; entry: DeviceUser } | { ok: false; reason: 'unknown-user' | 'wrong-password' | 'expired' }

/**
 * Logs `username` in without the server. The password is checked before the offline period, so
 * "expired" tells nothing to someone without it. `stillValid` says whether a confirmation made at
 * that time still allows offline use (the same rule as the cached session's).
 */
export async function offlineLogin(
  list: readonly DeviceUser[],
  username: string,
  password: string,
  stillValid: (confirmedAt: string) => boolean,
): Promise<OfflineLogin> {
  const entry = list.find(isUser(username))
  if (!entry) return { ok: false, reason: 'unknown-user' }
  if (!(await checkVerifier(password, entry.verifier))) return { ok: false, reason: 'wrong-password' }
  if (!stillValid(entry.confirmedAt)) return { ok: false, reason: 'expired' }
  return { ok: true, entry }
}
