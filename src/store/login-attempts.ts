/** The login_attempts table: failed sign-ins counted per user name and per address. */
import { transaction, type SqliteDatabase } from './database'

/** Failures of one key within its current window. */
export interface AttemptCount {
  readonly failures: number
  readonly windowStart: Date
}

interface AttemptRecord {
  failures: number
  window_start: string
}

/** Prepared statements over `login_attempts`. */
export class LoginAttemptTable {
  private readonly select
  private readonly upsert
  private readonly remove

  constructor(private readonly db: SqliteDatabase) {
    this.select = db.prepare<[string], AttemptRecord>('SELECT failures, window_start FROM login_attempts WHERE key = ?')
    this.upsert = db.prepare(
      `INSERT INTO login_attempts (key, failures, window_start) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start`,
    )
    this.remove = db.prepare('DELETE FROM login_attempts WHERE key = ?')
  }

  /** The failures counted for a key in the window that is open at `now`. */
  count(key: string, now: Date, windowMs: number): AttemptCount | undefined {
    const row = this.select.get(key)
    if (!row) return undefined
    const windowStart = new Date(row.window_start)
    return now.getTime() - windowStart.getTime() < windowMs ? { failures: row.failures, windowStart } : undefined
  }

  /** Counts one more failure, opening a new window when the last one has closed. */
  recordFailure(key: string, now: Date, windowMs: number): AttemptCount {
    return transaction(this.db, () => {
      const current = this.count(key, now, windowMs)
      const next = current
        ? { failures: current.failures + 1, windowStart: current.windowStart }
        : { failures: 1, windowStart: now }
      this.upsert.run(key, next.failures, next.windowStart.toISOString())
      return next
    })
  }

  clear(key: string): void {
    this.remove.run(key)
  }
}
