/** What authentication needs from storage: a small interface any store can fulfil. */
import type { ApiKeyRow } from '../store/api-keys'
import type { AttemptCount } from '../store/login-attempts'
import type { SessionRow } from '../store/sessions'
import type { NewUser, UserRow } from '../store/users'

export type { ApiKeyRow, AttemptCount, NewUser, SessionRow, UserRow }

/** Users, sessions, API keys and sign-in throttling, as authentication reads and writes them. */
export interface AuthStore {
  findUserByName(userName: string): UserRow | undefined
  findUserById(id: number): UserRow | undefined
  /** Creates an account; a user name taken in any case is a 409. */
  createUser(user: NewUser): UserRow
  createSession(session: SessionRow): void
  /** The unexpired session with this id hash. */
  findSession(idHash: string, now: Date): SessionRow | undefined
  /**
   * The unexpired session with this id hash and its user, in one read: every request
   * signed in by a session asks for both. Stores without it are asked for each in turn.
   */
  findSessionUser?(idHash: string, now: Date): { readonly session: SessionRow; readonly user: UserRow } | undefined
  extendSession(idHash: string, expiresAt: Date): void
  deleteSession(idHash: string): void
  purgeExpiredSessions(now: Date): void
  /** The live API key with this hash. */
  findApiKey(keyHash: string, now: Date): ApiKeyRow | undefined
  /** Counts an attempt (sign-in or registration) and answers the count in its window. */
  recordLoginAttempt(key: string, now: Date, windowMs: number): AttemptCount
  /** Takes back one counted attempt. */
  refundLoginAttempt(key: string, now: Date, windowMs: number): void
  clearLoginAttempts(key: string): void
  /** A value created once (by whichever process asks first) and kept. */
  ensureSetting(name: string, create: () => string): string
}
