/** Ordered, numbered schema steps, applied once each per database and scope. */
import { transaction, type SqliteDatabase } from './database'

/** One schema step: its number and the SQL that makes it. */
export interface Migration {
  readonly version: number
  readonly sql: string
}

/**
 * Applies the steps of a scope (`dtostack`, `app`) that the database has not seen yet,
 * in order, each in its own transaction; returns how many ran.
 */
export function migrate(db: SqliteDatabase, scope: string, steps: readonly Migration[]): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    scope TEXT NOT NULL,
    version INTEGER NOT NULL,
    applied_at TEXT NOT NULL,
    PRIMARY KEY (scope, version)
  )`)
  const applied = db.prepare('SELECT 1 FROM schema_migrations WHERE scope = ? AND version = ?')
  const record = db.prepare('INSERT INTO schema_migrations (scope, version, applied_at) VALUES (?, ?, ?)')
  let count = 0
  for (const step of [...steps].sort((a, b) => a.version - b.version)) {
    const ran = transaction(db, () => {
      // Checked inside the write transaction, so two processes never apply a step twice.
      if (applied.get(scope, step.version)) return false
      db.exec(step.sql)
      record.run(scope, step.version, new Date().toISOString())
      return true
    })
    if (ran) count++
  }
  return count
}

/** The schema dtostack itself needs: users, roles, permissions, sessions, API keys, throttling. */
export const frameworkMigrations: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        user_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT,
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE user_roles (
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        PRIMARY KEY (user_id, role)
      );
      CREATE TABLE user_permissions (
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        permission TEXT NOT NULL,
        PRIMARY KEY (user_id, permission)
      );
      CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        is_permanent INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX sessions_by_user ON sessions (user_id);
      CREATE INDEX sessions_by_expiry ON sessions (expires_at);
    `,
  },
  {
    version: 2,
    sql: `
      CREATE TABLE api_keys (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        key_hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        roles TEXT,
        created_at TEXT NOT NULL,
        expires_at TEXT,
        revoked_at TEXT
      );
      CREATE INDEX api_keys_by_user ON api_keys (user_id);
      CREATE TABLE login_attempts (
        key TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        window_start TEXT NOT NULL
      );
      CREATE TABLE auth_settings (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 3,
    sql: 'CREATE INDEX login_attempts_by_window ON login_attempts (window_start);',
  },
]
