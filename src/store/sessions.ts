/** The sessions table: one row per login, keyed by a hash of the session id. */
import type { SqliteDatabase } from './database'

/** A stored session. */
export interface SessionRow {
  readonly idHash: string
  readonly userId: number
  readonly isPermanent: boolean
  readonly createdAt: Date
  readonly expiresAt: Date
}

/** A sessions row as SQLite answers it. */
export interface SessionRecord {
  id_hash: string
  user_id: number
  is_permanent: number
  created_at: string
  expires_at: string
}

/** Prepared statements over the sessions table. */
export class SessionTable {
  private readonly insert
  private readonly byHash
  private readonly deleteByHash
  private readonly deleteExpired
  private readonly extend

  constructor(db: SqliteDatabase) {
    this.insert = db.prepare(
      'INSERT INTO sessions (id_hash, user_id, is_permanent, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    )
    this.byHash = db.prepare<[string, string], SessionRecord>(
      'SELECT * FROM sessions WHERE id_hash = ? AND expires_at > ?',
    )
    this.deleteByHash = db.prepare('DELETE FROM sessions WHERE id_hash = ?')
    this.deleteExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?')
    this.extend = db.prepare('UPDATE sessions SET expires_at = ? WHERE id_hash = ?')
  }

  create(session: SessionRow): void {
    this.insert.run(
      session.idHash,
      session.userId,
      session.isPermanent ? 1 : 0,
      session.createdAt.toISOString(),
      session.expiresAt.toISOString(),
    )
  }

  /** The session with this id hash, unless it has expired by `now`. */
  find(idHash: string, now: Date): SessionRow | undefined {
    const row = this.byHash.get(idHash, now.toISOString())
    return row && sessionFromRow(row)
  }

  delete(idHash: string): boolean {
    return this.deleteByHash.run(idHash).changes > 0
  }

  /** Moves a session's expiry (sliding sessions). */
  setExpiry(idHash: string, expiresAt: Date): void {
    this.extend.run(expiresAt.toISOString(), idHash)
  }

  /** Deletes the sessions that expired by `now`; returns how many. */
  purgeExpired(now: Date): number {
    return this.deleteExpired.run(now.toISOString()).changes
  }
}

/** A session from its row. */
export function sessionFromRow(row: SessionRecord): SessionRow {
  return {
    idHash: row.id_hash,
    userId: row.user_id,
    isPermanent: row.is_permanent === 1,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
  }
}
