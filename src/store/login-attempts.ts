/** The login_attempts table: sign-in attempts counted per user name and per address. */
import { transaction, type SqliteDatabase } from './database'

/** Attempts of one key within its current window. */
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
  private readonly purge

  constructor(private readonly db: SqliteDatabase) {
    this.select = db.prepare<[string], AttemptRecord>('SELECT failures, window_start FROM login_attempts WHERE key = ?')
    this.upsert = db.prepare(
      `INSERT INTO login_attempts (key, failures, window_start) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start`,
    )
    this.remove = db.prepare('DELETE FROM login_attempts WHERE key = ?')
    this.purge = db.prepare('DELETE FROM login_attempts WHERE window_start < ?')
  }

  /** The attempts counted for a key in the window that is open at `now`. */
  count(key: string, now: Date, windowMs: number): AttemptCount | undefined {
    const row = this.select.get(key)
    if (!row) return undefined
    const windowStart = new Date(row.window_start)
    return now.getTime() - windowStart.getTime() < windowMs ? { failures: row.failures, windowStart } : undefined
  }

  /**
   * Counts one more attempt and answers the count, in one transaction, so attempts made at
   * the same moment are all counted. A new window opens when the last one has closed;
   * closed windows are deleted (an index makes that cheap when there are none).
   */
  record(key: string, now: Date, windowMs: number): AttemptCount {
    this.purge.run(new Date(now.getTime() - windowMs).toISOString())
    return this.set(key, now, windowMs, 1)
  }

  /** Takes back one attempt (one that succeeded). */
  refund(key: string, now: Date, windowMs: number): void {
    this.set(key, now, windowMs, -1)
  }

  clear(key: string): void {
    this.remove.run(key)
  }

  private set(key: string, now: Date, windowMs: number, change: number): AttemptCount {
    return transaction(this.db, () => {
      const current = this.count(key, now, windowMs)
      const next = current
        ? { failures: Math.max(0, current.failures + change), windowStart: current.windowStart }
        : { failures: Math.max(0, change), windowStart: now }
      this.upsert.run(key, next.failures, next.windowStart.toISOString())
      return next
    })
  }
}
