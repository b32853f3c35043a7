/** The SQLite store behind authentication: users, sessions, API keys, throttling, secrets. */
import { ApiKeyTable, type ApiKeyRow } from './api-keys'
import type { SqliteDatabase } from './database'
import { LoginAttemptTable, type AttemptCount } from './login-attempts'
import { frameworkMigrations, migrate } from './migrations'
import { sessionFromRow, SessionTable, type SessionRecord, type SessionRow } from './sessions'
import { UserTable, type NewUser, type UserRecord, type UserRow } from './users'

interface SessionUserRecord extends SessionRecord {
  user_name: string
  display_name: string | null
  password_hash: string
  user_created_at: string
}

/** Users, sessions and the rest of authentication in SQLite; creates its tables on first use. */
export class SqliteAuthStore {
  readonly users: UserTable
  readonly sessions: SessionTable
  readonly apiKeys: ApiKeyTable
  readonly loginAttempts: LoginAttemptTable
  private readonly insertSetting
  private readonly selectSetting
  private readonly sessionUser

  constructor(db: SqliteDatabase) {
    migrate(db, 'dtostack', frameworkMigrations)
    this.users = new UserTable(db)
    this.sessions = new SessionTable(db)
    this.apiKeys = new ApiKeyTable(db)
    this.loginAttempts = new LoginAttemptTable(db)
    this.insertSetting = db.prepare('INSERT OR IGNORE INTO auth_settings (name, value) VALUES (?, ?)')
    this.selectSetting = db.prepare<[string], { value: string }>('SELECT value FROM auth_settings WHERE name = ?')
    this.sessionUser = db.prepare<[string, string], SessionUserRecord>(
      `SELECT s.id_hash, s.user_id, s.is_permanent, s.created_at, s.expires_at,
         u.user_name, u.display_name, u.password_hash, u.created_at AS user_created_at
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id_hash = ? AND s.expires_at > ?`,
    )
  }

  findUserByName(userName: string): UserRow | undefined {
    return this.users.findByName(userName)
  }

  findUserById(id: number): UserRow | undefined {
    return this.users.findById(id)
  }

  createUser(user: NewUser): UserRow {
    return this.users.create(user)
  }

  createSession(session: SessionRow): void {
    this.sessions.create(session)
  }

  findSession(idHash: string, now: Date): SessionRow | undefined {
    return this.sessions.find(idHash, now)
  }

  findSessionUser(idHash: string, now: Date): { session: SessionRow; user: UserRow } | undefined {
    const row = this.sessionUser.get(idHash, now.toISOString())
    if (!row) return undefined
    const user: UserRecord = {
      id: row.user_id,
      user_name: row.user_name,
      display_name: row.display_name,
      password_hash: row.password_hash,
      created_at: row.user_created_at,
    }
    return { session: sessionFromRow(row), user: this.users.userFromRow(user) }
  }

  extendSession(idHash: string, expiresAt: Date): void {
    this.sessions.setExpiry(idHash, expiresAt)
  }

  deleteSession(idHash: string): void {
    this.sessions.delete(idHash)
  }

  purgeExpiredSessions(now: Date): void {
    this.sessions.purgeExpired(now)
  }

  findApiKey(keyHash: string, now: Date): ApiKeyRow | undefined {
    return this.apiKeys.find(keyHash, now)
  }

  recordLoginAttempt(key: string, now: Date, windowMs: number): AttemptCount {
    return this.loginAttempts.record(key, now, windowMs)
  }

  refundLoginAttempt(key: string, now: Date, windowMs: number): void {
    this.loginAttempts.refund(key, now, windowMs)
  }

  clearLoginAttempts(key: string): void {
    this.loginAttempts.clear(key)
  }

  /**
   * A setting made once and kept: the first process to ask stores `create()`'s value,
   * every later one (in any process) reads it.
   */
  ensureSetting(name: string, create: () => string): string {
    this.insertSetting.run(name, create())
    return this.selectSetting.get(name)!.value
  }
}
