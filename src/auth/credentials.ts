/**
 * Finds the session behind a request's credentials: the `X-ss-id` header, an
 * `Authorization: Bearer` token, or the `ss-id`/`ss-pid` cookies (`ss-opt` says which).
 * Only ids that hash to a stored, unexpired session count; the id itself is never stored.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { SessionInfo, UserInfo } from '../contract/contracts'
import type { AuthStore } from './auth-store'

/** A session and its user, once the credentials are found valid. */
export interface Credentials {
  readonly session: SessionInfo
  readonly user: UserInfo
}

/** The parts of a request that can carry credentials. */
export interface CredentialSources {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  readonly cookies: Readonly<Record<string, string | undefined>>
}

/** A new session id: 20 URL-safe characters from 15 random bytes, as ServiceStack's. */
export function createSessionId(): string {
  return randomBytes(15).toString('base64url')
}

/** The form of a session id that the store keeps. */
export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex')
}

/** The session id a request presents, if any. */
export function presentedSessionId(sources: CredentialSources): string | undefined {
  const header = single(sources.headers['x-ss-id']) ?? single(sources.headers['x-ss-pid'])
  if (header) return header
  const authorization = single(sources.headers.authorization)
  const bearer = authorization && /^Bearer\s+(\S+)\s*$/i.exec(authorization)
  if (bearer) return bearer[1]
  const { cookies } = sources
  const id = cookies['ss-opt'] === 'perm' ? cookies['ss-pid'] ?? cookies['ss-id'] : cookies['ss-id'] ?? cookies['ss-pid']
  // RFC 6265 lets a cookie value be quoted.
  return id?.startsWith('"') && id.endsWith('"') && id.length > 1 ? id.slice(1, -1) : id
}

/** The session and user of a request, or `undefined` when its credentials are missing or invalid. */
export function loadCredentials(store: AuthStore, sources: CredentialSources, now = new Date()): Credentials | undefined {
  const id = presentedSessionId(sources)
  if (!id || id.length > 200) return undefined
  const row = store.findSession(hashSessionId(id), now)
  if (!row) return undefined
  const user = store.findUserById(row.userId)
  if (!user) return undefined
  return {
    session: { id, userId: row.userId, isPermanent: row.isPermanent, createdAt: row.createdAt, expiresAt: row.expiresAt },
    user: {
      id: user.id,
      userName: user.userName,
      displayName: user.displayName,
      roles: user.roles,
      permissions: user.permissions,
    },
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}
