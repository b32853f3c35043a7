/** The api_keys table: keys users call the API with, stored as hashes. */
import type { SqliteDatabase } from './database'

/** A stored API key (never the key itself). */
export interface ApiKeyRow {
  readonly id: number
  readonly userId: number
  /** The first characters of the key, to tell keys apart in listings. */
  readonly prefix: string
  /** The roles the key is limited to; absent: all of its user's. */
  readonly roles?: readonly string[]
  readonly createdAt: Date
  readonly expiresAt?: Date
  readonly revokedAt?: Date
}

/** What a new key is stored with. */
export interface NewApiKey {
  readonly userId: number
  readonly keyHash: string
  readonly prefix: string
  readonly roles?: readonly string[]
  readonly expiresAt?: Date
}

interface ApiKeyRecord {
  id: number
  user_id: number
  prefix: string
  roles: string | null
  created_at: string
  expires_at: string | null
  revoked_at: string | null
}

/** Prepared statements over `api_keys`. */
export class ApiKeyTable {
  private readonly insert
  private readonly byHash
  private readonly byUser
  private readonly revokeById

  constructor(db: SqliteDatabase) {
    this.insert = db.prepare(
      'INSERT INTO api_keys (user_id, key_hash, prefix, roles, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    this.byHash = db.prepare<[string, string], ApiKeyRecord>(
      `SELECT * FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)`,
    )
    this.byUser = db.prepare<[number], ApiKeyRecord>('SELECT * FROM api_keys WHERE user_id = ? ORDER BY id')
    this.revokeById = db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
  }

  create(key: NewApiKey): ApiKeyRow {
    const result = this.insert.run(
      key.userId,
      key.keyHash,
      key.prefix,
      key.roles ? JSON.stringify(key.roles) : null,
      new Date().toISOString(),
      key.expiresAt?.toISOString() ?? null,
    )
    return this.listForUser(key.userId).find((k) => k.id === Number(result.lastInsertRowid))!
  }

  /** The live key with this hash: not revoked, not expired by `now`. */
  find(keyHash: string, now: Date): ApiKeyRow | undefined {
    const row = this.byHash.get(keyHash, now.toISOString())
    return row && apiKeyFromRow(row)
  }

  listForUser(userId: number): ApiKeyRow[] {
    return this.byUser.all(userId).map(apiKeyFromRow)
  }

  /** Revokes a key; answers whether a live key was revoked. */
  revoke(id: number): boolean {
    return this.revokeById.run(new Date().toISOString(), id).changes > 0
  }
}

function apiKeyFromRow(row: ApiKeyRecord): ApiKeyRow {
  return {
    id: row.id,
    userId: row.user_id,
    prefix: row.prefix,
    roles: row.roles === null ? undefined : (JSON.parse(row.roles) as string[]),
    createdAt: new Date(row.created_at),
    expiresAt: row.expires_at === null ? undefined : new Date(row.expires_at),
    revokedAt: row.revoked_at === null ? undefined : new Date(row.revoked_at),
  }
}
