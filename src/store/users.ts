/** The users table family: accounts, their roles and their permissions. */
import { ApiError } from '../errors/api-error'
import { transaction, type SqliteDatabase } from './database'

/** A user account as stored. */
export interface UserRow {
  readonly id: number
  readonly userName: string
  readonly displayName?: string
  readonly passwordHash: string
  readonly roles: readonly string[]
  readonly permissions: readonly string[]
  readonly createdAt: Date
}

/** What a new account is made of. */
export interface NewUser {
  readonly userName: string
  readonly passwordHash: string
  readonly displayName?: string
  readonly roles?: readonly string[]
  readonly permissions?: readonly string[]
}

/** A users row as SQLite answers it. */
export interface UserRecord {
  id: number
  user_name: string
  display_name: string | null
  password_hash: string
  created_at: string
}

/** Prepared statements over the users tables. */
export class UserTable {
  private readonly insertUser
  private readonly insertRole
  private readonly insertPermission
  private readonly byName
  private readonly byId
  private readonly grantsOf
  private readonly all
  private readonly deleteByName
  private readonly updatePassword
  private readonly clearRoles
  private readonly clearPermissions
  private readonly endSessions

  constructor(private readonly db: SqliteDatabase) {
    this.insertUser = db.prepare(
      'INSERT INTO users (user_name, display_name, password_hash, created_at) VALUES (?, ?, ?, ?)',
    )
    this.insertRole = db.prepare('INSERT OR IGNORE INTO user_roles (user_id, role) VALUES (?, ?)')
    this.insertPermission = db.prepare(
      'INSERT OR IGNORE INTO user_permissions (user_id, permission) VALUES (?, ?)',
    )
    this.byName = db.prepare<[string], UserRecord>('SELECT * FROM users WHERE user_name = ?')
    this.byId = db.prepare<[number], UserRecord>('SELECT * FROM users WHERE id = ?')
    // Roles and permissions in one statement: every authenticated request reads them.
    this.grantsOf = db.prepare<[number, number], { kind: 'role' | 'permission'; name: string }>(
      `SELECT 'role' AS kind, role AS name FROM user_roles WHERE user_id = ?
       UNION ALL
       SELECT 'permission', permission FROM user_permissions WHERE user_id = ?
       ORDER BY kind DESC, name`,
    )
    this.all = db.prepare<[], UserRecord>('SELECT * FROM users ORDER BY user_name')
    this.deleteByName = db.prepare('DELETE FROM users WHERE user_name = ?')
    this.updatePassword = db.prepare('UPDATE users SET password_hash = ? WHERE user_name = ?')
    this.clearRoles = db.prepare('DELETE FROM user_roles WHERE user_id = ?')
    this.clearPermissions = db.prepare('DELETE FROM user_permissions WHERE user_id = ?')
    this.endSessions = db.prepare('DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE user_name = ?)')
  }

  /** Creates an account; a taken user name (in any case) is a 409. */
  create(user: NewUser): UserRow {
    const id = transaction(this.db, () => {
      if (this.byName.get(user.userName)) {
        throw ApiError.conflict(`User name '${user.userName}' is already taken`)
      }
      const result = this.insertUser.run(
        user.userName,
        user.displayName ?? null,
        user.passwordHash,
        new Date().toISOString(),
      )
      const id = Number(result.lastInsertRowid)
      for (const role of user.roles ?? []) this.insertRole.run(id, role)
      for (const permission of user.permissions ?? []) this.insertPermission.run(id, permission)
      return id
    })
    return this.findById(id)!
  }

  /** The account with this user name, compared case-insensitively. */
  findByName(userName: string): UserRow | undefined {
    const record = this.byName.get(userName)
    return record && this.userFromRow(record)
  }

  findById(id: number): UserRow | undefined {
    const record = this.byId.get(id)
    return record && this.userFromRow(record)
  }

  list(): UserRow[] {
    return this.all.all().map((r) => this.userFromRow(r))
  }

  /** Deletes an account and its sessions; returns whether it existed. */
  remove(userName: string): boolean {
    return this.deleteByName.run(userName).changes > 0
  }

  /**
   * Changes a password and ends every session of the account, so a stolen session or
   * token does not outlive the reset. Returns whether the account exists.
   */
  setPasswordHash(userName: string, passwordHash: string): boolean {
    return transaction(this.db, () => {
      this.endSessions.run(userName)
      return this.updatePassword.run(passwordHash, userName).changes > 0
    })
  }

  /** Replaces the roles of an account. */
  setRoles(userId: number, roles: readonly string[]): void {
    transaction(this.db, () => {
      this.clearRoles.run(userId)
      for (const role of roles) this.insertRole.run(userId, role)
    })
  }

  /** Replaces the permissions of an account. */
  setPermissions(userId: number, permissions: readonly string[]): void {
    transaction(this.db, () => {
      this.clearPermissions.run(userId)
      for (const permission of permissions) this.insertPermission.run(userId, permission)
    })
  }

  /** An account from its row, with its roles and permissions. */
  userFromRow(row: UserRecord): UserRow {
    const roles: string[] = []
    const permissions: string[] = []
    for (const grant of this.grantsOf.all(row.id, row.id)) (grant.kind === 'role' ? roles : permissions).push(grant.name)
    return {
      id: row.id,
      userName: row.user_name,
      displayName: row.display_name ?? undefined,
      passwordHash: row.password_hash,
      roles,
      permissions,
      createdAt: new Date(row.created_at),
    }
  }
}
