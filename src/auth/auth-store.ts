/** What authentication needs from storage: a small interface any store can fulfil. */
import type { SessionRow } from '../store/sessions'
import type { UserRow } from '../store/users'

export type { SessionRow, UserRow }

/** Users and sessions, as authentication reads and writes them. */
export interface AuthStore {
  findUserByName(userName: string): UserRow | undefined
  findUserById(id: number): UserRow | undefined
  createSession(session: SessionRow): void
  /** The unexpired session with this id hash. */
  findSession(idHash: string, now: Date): SessionRow | undefined
  deleteSession(idHash: string): void
  purgeExpiredSessions(now: Date): void
}
