/** The SQLite store behind authentication: users and sessions on one database. */
import type { SqliteDatabase } from './database'
import { frameworkMigrations, migrate } from './migrations'
import { SessionTable, type SessionRow } from './sessions'
import { UserTable, type UserRow } from './users'

/** Users and sessions in SQLite; creates its tables on first use. */
export class SqliteAuthStore {
  readonly users: UserTable
  readonly sessions: SessionTable

  constructor(db: SqliteDatabase) {
    migrate(db, 'dtostack', frameworkMigrations)
    this.users = new UserTable(db)
    this.sessions = new SessionTable(db)
  }

  findUserByName(userName: string): UserRow | undefined {
    return this.users.findByName(userName)
  }

  findUserById(id: number): UserRow | undefined {
    return this.users.findById(id)
  }

  createSession(session: SessionRow): void {
    this.sessions.create(session)
  }

  findSession(idHash: string, now: Date): SessionRow | undefined {
    return this.sessions.find(idHash, now)
  }

  deleteSession(idHash: string): void {
    this.sessions.delete(idHash)
  }

  purgeExpiredSessions(now: Date): void {
    this.sessions.purgeExpired(now)
  }
}
