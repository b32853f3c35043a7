/**
 * Finds who a request speaks for: an `Authorization: Bearer` JWT or API key, else the
 * `X-ss-id` header, else the `ss-id`/`ss-pid` cookies (`ss-opt` says which). Only ids that
 * hash to a stored, unexpired session count; the ids themselves are never stored.
 */
import { hash, randomBytes } from 'node:crypto'
import type { SessionInfo, UserInfo } from '../contract/contracts'
import type { ResponseCookie } from '../contract/http-result'
import { apiKeyPrefix, hashApiKey } from './api-keys'
import type { AuthStore, SessionRow, UserRow } from './auth-store'
import type { ResolvedAuthOptions } from './options'
import { looksLikeJwt, type TokenIssuer, type TokenRefusal } from './tokens'

/** How the credentials of a request were presented. */
export type CredentialSource = 'cookie' | 'header' | 'bearer' | 'apikey'

/** A user, and the session behind the credentials when there is one. */
export interface Credentials {
  readonly user: UserInfo
  readonly session?: SessionInfo
  /** The hash under which the session is stored, to end it. */
  readonly sessionHash?: string
  readonly source: CredentialSource
}

/** What a request's credentials come to. */
export interface CredentialResult {
  readonly credentials?: Credentials
  /** Credentials were presented but refused: the reason a 401 gives. */
  readonly refusal?: TokenRefusal | 'Invalid API key' | 'Not Authenticated'
  /** Cookies to send again because a cookie session was renewed. */
  readonly renewedCookies?: readonly ResponseCookie[]
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
  return hash('sha256', id, 'hex')
}

/** Reads credentials against a store. */
export class CredentialReader {
  constructor(
    private readonly store: AuthStore,
    private readonly tokens: TokenIssuer,
    private readonly options: ResolvedAuthOptions,
  ) {}

  /**
   * The credentials a request carries. Sessions and API keys are read at once; only a
   * JWT, whose signature is checked asynchronously, answers a promise.
   */
  read(sources: CredentialSources, now = new Date()): CredentialResult | Promise<CredentialResult> {
    const authorization = single(sources.headers.authorization)
    const bearer = authorization && /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1]
    if (bearer) return bearer.startsWith(apiKeyPrefix) ? this.apiKey(bearer, now) : this.jwt(bearer, now)
    const header = single(sources.headers['x-ss-id']) ?? single(sources.headers['x-ss-pid'])
    if (header) return this.session(header, 'header', now)
    const cookie = cookieSessionId(sources.cookies)
    return cookie ? this.session(cookie, 'cookie', now) : {}
  }

  private async jwt(token: string, now: Date): Promise<CredentialResult> {
    if (!looksLikeJwt(token)) return { refusal: 'Token is invalid' }
    const claims = await this.tokens.verify(token, 'access')
    if (typeof claims === 'string') return { refusal: claims }
    const found = this.sessionAndUser(claims.sessionHash, now)
    if (!found || found.session.userId !== claims.userId) return { refusal: 'Token is invalid' }
    const { session: row, user } = found
    this.slide(row, now)
    const session = sessionInfo(row, undefined)
    return { credentials: { user: userInfo(user), session, sessionHash: row.idHash, source: 'bearer' } }
  }

  private apiKey(key: string, now: Date): CredentialResult {
    const row = key.length <= 200 ? this.store.findApiKey(hashApiKey(key), now) : undefined
    const user = row && this.store.findUserById(row.userId)
    if (!row || !user) return { refusal: 'Invalid API key' }
    // A key limited to some roles carries those of them its user still has, and no
    // permissions: a limit would mean nothing if the permissions passed through.
    const limited = row.roles !== undefined
    const roles = limited ? user.roles.filter((r) => row.roles!.includes(r)) : user.roles
    const permissions = limited ? [] : user.permissions
    return { credentials: { user: { ...userInfo(user), roles, permissions }, source: 'apikey' } }
  }

  private session(id: string, source: CredentialSource, now: Date): CredentialResult {
    const found = id.length <= 200 ? this.sessionAndUser(hashSessionId(id), now) : undefined
    if (!found) return { refusal: 'Not Authenticated' }
    const { session: row, user } = found
    const renewed = this.slide(row, now)
    const renewedCookies = renewed && source === 'cookie' && row.isPermanent
      ? permanentCookies(id, this.options)
      : undefined
    const credentials = { user: userInfo(user), session: sessionInfo(row, id), sessionHash: row.idHash, source }
    return { credentials, renewedCookies }
  }

  private sessionAndUser(idHash: string, now: Date): { session: SessionRow; user: UserRow } | undefined {
    if (this.store.findSessionUser) return this.store.findSessionUser(idHash, now)
    const session = this.store.findSession(idHash, now)
    const user = session && this.store.findUserById(session.userId)
    return session && user ? { session, user } : undefined
  }

  // A sliding session is renewed once half its lifetime has passed, not on every request.
  private slide(row: SessionRow, now: Date): boolean {
    if (!this.options.slidingSessions) return false
    const lifetime = row.isPermanent ? this.options.permanentSessionExpiryMs : this.options.sessionExpiryMs
    if (row.expiresAt.getTime() - now.getTime() > lifetime / 2) return false
    this.store.extendSession(row.idHash, new Date(now.getTime() + lifetime))
    return true
  }
}

/** The cookies of a "remember me" session. */
export function permanentCookies(id: string, options: ResolvedAuthOptions): ResponseCookie[] {
  const maxAge = Math.floor(options.permanentSessionExpiryMs / 1000)
  const cookie = { secure: options.secureCookies, maxAge }
  return [
    { name: 'ss-pid', value: id, options: cookie },
    { name: 'ss-opt', value: 'perm', options: cookie },
  ]
}

function cookieSessionId(cookies: CredentialSources['cookies']): string | undefined {
  const id = cookies['ss-opt'] === 'perm' ? cookies['ss-pid'] ?? cookies['ss-id'] : cookies['ss-id'] ?? cookies['ss-pid']
  // RFC 6265 lets a cookie value be quoted.
  return id?.startsWith('"') && id.endsWith('"') && id.length > 1 ? id.slice(1, -1) : id
}

function userInfo(user: UserRow): UserInfo {
  return {
    id: user.id,
    userName: user.userName,
    displayName: user.displayName,
    roles: user.roles,
    permissions: user.permissions,
  }
}

function sessionInfo(row: SessionRow, id: string | undefined): SessionInfo {
  return { id, userId: row.userId, isPermanent: row.isPermanent, createdAt: row.createdAt, expiresAt: row.expiresAt }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

// Kept on the request object itself: a WeakMap entry per request would cost every
// garbage collection some work until the request is gone.
const credentialsKey = Symbol('dtostack.credentials')

/** @internal Keeps the credentials the dispatcher read, for the built-in auth services. */
export function rememberCredentials(request: object, credentials: Credentials | undefined): void {
  if (credentials) (request as { [credentialsKey]?: Credentials })[credentialsKey] = credentials
}

/** @internal The credentials the dispatcher read for a request. */
export function credentialsOf(request: object): Credentials | undefined {
  return (request as { [credentialsKey]?: Credentials })[credentialsKey]
}
