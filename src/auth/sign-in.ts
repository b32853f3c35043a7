/**
 * Starting sessions: a new session id at every sign-in (never a client's), its cookies,
 * and the bearer and refresh tokens that name it.
 */
import type { ResponseCookie } from '../contract/http-result'
import type { AuthStore, UserRow } from './auth-store'
import { createSessionId, hashSessionId, permanentCookies } from './credentials'
import type { ResolvedAuthOptions } from './options'
import type { TokenIssuer } from './tokens'

/** A started session and what the client gets to keep it. */
export interface StartedSession {
  readonly sessionId: string
  readonly bearerToken: string
  readonly refreshToken: string
  readonly refreshTokenExpiry: Date
  readonly cookies: readonly ResponseCookie[]
}

/** What starting a session needs. */
export interface SessionStarter {
  readonly store: AuthStore
  readonly tokens: TokenIssuer
  readonly options: ResolvedAuthOptions
}

/** Starts a session for a user, ending the one the request came with (no fixation). */
export async function startSession(
  deps: SessionStarter,
  user: UserRow,
  request: { rememberMe: boolean; previousSessionHash?: string },
): Promise<StartedSession> {
  const now = new Date()
  const { store, options } = deps
  if (request.previousSessionHash) store.deleteSession(request.previousSessionHash)
  store.purgeExpiredSessions(now)
  const lifetime = request.rememberMe ? options.permanentSessionExpiryMs : options.sessionExpiryMs
  const sessionId = createSessionId()
  const sessionHash = hashSessionId(sessionId)
  const expiresAt = new Date(now.getTime() + lifetime)
  store.createSession({ idHash: sessionHash, userId: user.id, isPermanent: request.rememberMe, createdAt: now, expiresAt })
  const claims = { userId: user.id, sessionHash }
  const session = { secure: options.secureCookies }
  return {
    sessionId,
    bearerToken: await deps.tokens.access(claims, expiresAt),
    refreshToken: await deps.tokens.refresh(claims, expiresAt),
    refreshTokenExpiry: expiresAt,
    cookies: request.rememberMe
      ? [{ name: 'ss-id', value: sessionId, options: session }, ...permanentCookies(sessionId, options)]
      : [
          { name: 'ss-id', value: sessionId, options: session },
          { name: 'ss-opt', value: 'temp', options: session },
        ],
  }
}
