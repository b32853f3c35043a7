/** The sample app's table: device tokens, one row per user and token. */
import { migrate, transaction, type Migration, type SqliteDatabase } from '../index'

const migrations: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE device_tokens (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        device_type TEXT NOT NULL,
        token TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (user_id, token)
      );
    `,
  },
]

/** A stored device token. */
export interface DeviceTokenRow {
  readonly deviceType: string
  readonly token: string
  readonly createdAt: Date
}

interface TokenRecord {
  device_type: string
  token: string
  created_at: string
}

/** Prepared statements over `device_tokens`; creates the table on first use. */
export class DeviceTokenTable {
  private readonly insert
  private readonly one
  private readonly page
  private readonly count
  private readonly remove

  constructor(private readonly db: SqliteDatabase) {
    migrate(db, 'app', migrations)
    this.insert = db.prepare(
      `INSERT INTO device_tokens (user_id, device_type, token, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (user_id, token) DO NOTHING`,
    )
    this.one = db.prepare<[number, string], TokenRecord>(
      'SELECT device_type, token, created_at FROM device_tokens WHERE user_id = ? AND token = ?',
    )
    this.page = db.prepare<[number, string | null, string | null, number, number], TokenRecord>(
      `SELECT device_type, token, created_at FROM device_tokens
       WHERE user_id = ? AND (? IS NULL OR device_type = ?)
       ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
    )
    this.count = db.prepare<[number, string | null, string | null], { n: number }>(
      'SELECT count(*) AS n FROM device_tokens WHERE user_id = ? AND (? IS NULL OR device_type = ?)',
    )
    this.remove = db.prepare('DELETE FROM device_tokens WHERE user_id = ? AND token = ?')
  }

  /** Stores a token unless the user has it already; answers the stored row either way. */
  add(userId: number, deviceType: string, token: string): DeviceTokenRow {
    return transaction(this.db, () => {
      this.insert.run(userId, deviceType, token, new Date().toISOString())
      return tokenFromRow(this.one.get(userId, token)!)
    })
  }

  /** A page of a user's tokens, newest first, and how many there are in all. */
  list(userId: number, query: { deviceType?: string; limit: number; offset: number }): {
    rows: DeviceTokenRow[]
    total: number
  } {
    const type = query.deviceType ?? null
    return {
      rows: this.page.all(userId, type, type, query.limit, query.offset).map(tokenFromRow),
      total: this.count.get(userId, type, type)!.n,
    }
  }

  /** Deletes a user's token; answers whether it existed. */
  delete(userId: number, token: string): boolean {
    return this.remove.run(userId, token).changes > 0
  }
}

function tokenFromRow(row: TokenRecord): DeviceTokenRow {
  return { deviceType: row.device_type, token: row.token, createdAt: new Date(row.created_at) }
}
