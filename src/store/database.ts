/**
 * Opens SQLite databases the way a server needs them: WAL, a busy timeout, foreign keys,
 * and transactions that begin IMMEDIATE so concurrent writers queue instead of failing.
 */
import Database from 'better-sqlite3'
import { mkdirSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { ApiError } from '../errors/api-error'

/** An open better-sqlite3 database. */
export type SqliteDatabase = Database.Database

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** How long a write waits for another connection's lock, in ms. @default 5000 */
  readonly busyTimeoutMs?: number
  /**
   * When a commit reaches the disk. With `normal` a commit survives the process being
   * killed (it is in the operating system's hands) but the last ones can be lost if the
   * machine loses power; `full` syncs the log at every commit, which survives that too
   * and costs a disk flush per write. @default 'normal'
   */
  readonly synchronous?: 'normal' | 'full'
}

/**
 * Opens (creating if needed, with its folder) a database file, or `:memory:`.
 *
 * @example
 * const db = openDatabase(process.env.DATABASE_PATH ?? './data/app.db')
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path, { timeout: options.busyTimeoutMs ?? 5000 })
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`)
  db.pragma('foreign_keys = ON')
  return db
}

/**
 * A health probe of a database (for `health.probes`): it reads a table through the
 * connection, and for a file it checks that the path still names the file the connection
 * has open. A file deleted or replaced under a running server still answers through the
 * open connection, but what is written there is gone at the next start.
 *
 * @example
 * createServer({ ..., health: { probes: { database: databaseProbe(db, 'schema_migrations') } } })
 */
export function databaseProbe(db: SqliteDatabase, table: string): () => void {
  const read = db.prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`)
  const opened = db.memory ? undefined : statSync(db.name)
  return () => {
    read.get()
    if (!opened) return
    const now = statSync(db.name, { throwIfNoEntry: false })
    if (!now || now.ino !== opened.ino || now.dev !== opened.dev) {
      throw new Error(`the database file ${db.name} was deleted or replaced`)
    }
  }
}

/**
 * Runs `work` in an IMMEDIATE transaction: it commits when `work` returns and rolls back
 * when it throws. `work` must be synchronous: better-sqlite3 would commit at the first
 * `await` of an async function and run the rest outside the transaction, so a promise
 * returned here rolls back and throws instead.
 */
export function transaction<T>(db: SqliteDatabase, work: () => T): T {
  return runnerOf(db).immediate(work) as T
}

// better-sqlite3 builds a transaction function with its variants anew on every call to
// db.transaction(), which costs more than a small write; one runner per database is kept.
type Runner = Database.Transaction<(work: () => unknown) => unknown>
const runners = new WeakMap<SqliteDatabase, Runner>()

function runnerOf(db: SqliteDatabase): Runner {
  let runner = runners.get(db)
  if (!runner) {
    runner = db.transaction((work: () => unknown) => {
      const result = work()
      if (isThenable(result)) {
        throw new TypeError('a transaction must be synchronous: do async work before or after it')
      }
      return result
    })
    runners.set(db, runner)
  }
  return runner
}

function isThenable(value: unknown): boolean {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  )
}

/**
 * Translates SQLite's lock contention into a 503 with `Retry-After`, so an overloaded
 * database is never answered as a 500. Other errors are returned unchanged.
 */
export function translateSqliteError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) {
    return new ApiError('ServiceUnavailable', 'The database is busy: try again shortly', {
      headers: { 'Retry-After': '1' },
      cause: error,
    })
  }
  return error
}
