/** Ways to call the sample app: every kind of credential, valid or not. */
import { SignJWT } from 'jose'
import { createApiKey, hashApiKey } from '../../src/auth/api-keys'
import { hashSessionId } from '../../src/auth/credentials'
import { SqliteAuthStore } from '../../src/store/auth-store'
import type { BuiltApp } from './build-app'
import { cookieHeader, users, type SeedUser } from './build-app'

/** The JWT secret the sample app is built with in these tests. */
export const jwtSecret = 'a-test-secret-that-is-long-enough-for-hs256'

/** Headers that present one identity. */
export type Identity = Record<string, string>

interface Login {
  readonly cookie: string
  readonly bearerToken: string
  readonly refreshToken: string
  readonly sessionId: string
}

/** Signs in and answers every credential the sign-in gives. */
export async function signIn(built: BuiltApp, user: SeedUser, rememberMe = false): Promise<Login> {
  const res = await built.app.inject({
    method: 'POST',
    url: '/auth/credentials',
    payload: { userName: user.userName, password: user.password, rememberMe },
  })
  if (res.statusCode !== 200) throw new Error(`sign-in of ${user.userName} failed: ${res.body}`)
  const body = res.json()
  return { cookie: cookieHeader(res), bearerToken: body.bearerToken, refreshToken: body.refreshToken, sessionId: body.sessionId }
}

/** A new API key of a user, optionally limited, expired or revoked. */
export function apiKeyOf(
  built: BuiltApp,
  user: SeedUser,
  options: { roles?: string[]; expiresAt?: Date; revoked?: boolean } = {},
): string {
  const store = new SqliteAuthStore(built.database)
  const key = createApiKey()
  const row = store.apiKeys.create({
    userId: store.findUserByName(user.userName)!.id,
    keyHash: hashApiKey(key),
    prefix: key.slice(0, 8),
    roles: options.roles,
    expiresAt: options.expiresAt,
  })
  if (options.revoked) store.apiKeys.revoke(row.id)
  return key
}

/** A token signed with the right key for a live session, but already expired. */
export async function expiredToken(built: BuiltApp, login: Login): Promise<string> {
  const userId = new SqliteAuthStore(built.database).findUserByName(users.alice.userName)!.id
  return new SignJWT({ sid: hashSessionId(login.sessionId), typ: 'access' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(userId))
    .setIssuer('dtostack')
    .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
    .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
    .sign(new TextEncoder().encode(jwtSecret))
}

/** A valid token with one character of its payload changed. */
export function tampered(token: string): string {
  const [head, payload, signature] = token.split('.')
  const flipped = payload!.slice(0, 10) + (payload![10] === 'A' ? 'B' : 'A') + payload!.slice(11)
  return [head, flipped, signature].join('.')
}
