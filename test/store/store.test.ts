/** The SQLite layer: transactions, lock contention, type mapping, migrations. */
import t from 'tap'
import { join } from 'node:path'
import { openDatabase, transaction } from '../../src/store/database'
import { migrate } from '../../src/store/migrations'
import { SqliteAuthStore } from '../../src/store/auth-store'
import { createApp } from '../../src/app/create-app'
import { loadConfig } from '../../src/app/config'
import { login, seedUsers, users } from '../helpers/build-app'

t.test('a transaction refuses async work: it throws and rolls back what ran before the await', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.close())
  db.exec('CREATE TABLE orders (id INTEGER PRIMARY KEY, note TEXT)')

  t.throws(
    () =>
      transaction(db, (async () => {
        db.prepare('INSERT INTO orders (note) VALUES (?)').run('first')
        await Promise.resolve()
        db.prepare('INSERT INTO orders (note) VALUES (?)').run('second')
      }) as () => unknown),
    { name: 'TypeError', message: /must be synchronous/ },
  )
  await new Promise((resolve) => setImmediate(resolve))

  // The continuation after the await still runs (nothing can stop it), but outside the
  // transaction and after the caller was told, loudly, that the work was refused.
  const notes = db.prepare('SELECT note FROM orders').all() as Array<{ note: string }>
  t.same(notes.map((n) => n.note), ['second'], "'first' was rolled back, not committed")
})

t.test('a failed transaction leaves nothing behind', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.close())
  db.exec('CREATE TABLE lines (id INTEGER PRIMARY KEY, sku TEXT)')

  t.throws(() =>
    transaction(db, () => {
      db.prepare('INSERT INTO lines (sku) VALUES (?)').run('A')
      throw new Error('out of stock')
    }),
  )

  t.equal((db.prepare('SELECT count(*) AS n FROM lines').get() as { n: number }).n, 0)
})

t.test('transactions nest, answer their work, and keep to their own database', async (t) => {
  const a = openDatabase(':memory:')
  const b = openDatabase(':memory:')
  t.teardown(() => (a.close(), b.close()))
  for (const db of [a, b]) db.exec('CREATE TABLE notes (text TEXT)')
  const add = (db: typeof a, text: string) => db.prepare('INSERT INTO notes (text) VALUES (?)').run(text)
  const notes = (db: typeof a) => (db.prepare('SELECT text FROM notes ORDER BY rowid').all() as Array<{ text: string }>).map((n) => n.text)

  const answer = transaction(a, () => {
    add(a, 'outer')
    t.throws(() =>
      transaction(a, () => {
        add(a, 'inner, undone')
        throw new Error('inner fails')
      }),
    )
    transaction(b, () => add(b, 'other database'))
    return transaction(a, () => (add(a, 'inner, kept'), 'done'))
  })

  t.equal(answer, 'done')
  t.same(notes(a), ['outer', 'inner, kept'], 'the failed inner transaction alone was rolled back')
  t.same(notes(b), ['other database'])
  t.notOk(a.inTransaction || b.inTransaction)
})

t.test('migrations run once per scope, in order, even when asked twice', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.close())
  const steps = [
    { version: 2, sql: 'ALTER TABLE things ADD COLUMN size INTEGER' },
    { version: 1, sql: 'CREATE TABLE things (id INTEGER PRIMARY KEY)' },
  ]

  const first = migrate(db, 'test', steps)
  const second = migrate(db, 'test', steps)

  t.equal(first, 2)
  t.equal(second, 0)
  t.same((db.prepare('PRAGMA table_info(things)').all() as Array<{ name: string }>).map((c) => c.name), ['id', 'size'])
})

t.test('session flags are stored as 0/1 and read back as booleans', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.close())
  const store = new SqliteAuthStore(db)
  const user = store.users.create({ userName: 'u', passwordHash: 'x' })
  const now = new Date()
  const later = new Date(now.getTime() + 60_000)

  store.createSession({ idHash: 'a', userId: user.id, isPermanent: true, createdAt: now, expiresAt: later })
  store.createSession({ idHash: 'b', userId: user.id, isPermanent: false, createdAt: now, expiresAt: later })

  t.equal(store.findSession('a', now)!.isPermanent, true)
  t.equal(store.findSession('b', now)!.isPermanent, false)
  t.same(db.prepare('SELECT is_permanent FROM sessions ORDER BY id_hash').all(), [{ is_permanent: 1 }, { is_permanent: 0 }])
  t.equal(store.findSession('a', new Date(later.getTime() + 1)), undefined, 'an expired session is not found')
})

t.test('a database locked past its busy timeout answers 503 with Retry-After, not 500', async (t) => {
  const path = join(t.testdir(), 'busy.db')
  const database = openDatabase(path, { busyTimeoutMs: 50 })
  await seedUsers(database)
  const app = await createApp({ database })
  const other = openDatabase(path)
  t.teardown(async () => {
    other.close()
    await app.close()
    database.close()
  })
  const cookie = await login(app, users.alice)

  other.exec('BEGIN IMMEDIATE')
  const busy = await app.inject({ method: 'POST', url: '/app/tokens', headers: { cookie }, payload: { deviceType: 'Web', token: 'busy' } })
  other.exec('ROLLBACK')
  const free = await app.inject({ method: 'POST', url: '/app/tokens', headers: { cookie }, payload: { deviceType: 'Web', token: 'busy' } })

  t.equal(busy.statusCode, 503)
  t.equal(busy.headers['retry-after'], '1')
  t.match(busy.json(), { responseStatus: { errorCode: 'ServiceUnavailable' } })
  t.equal(free.statusCode, 200)
})

t.test('databases open in WAL mode with synchronous NORMAL, or FULL when asked', async (t) => {
  const dir = t.testdir()
  const normal = openDatabase(join(dir, 'normal.db'))
  const full = openDatabase(join(dir, 'full.db'), { synchronous: 'full' })
  t.teardown(() => {
    normal.close()
    full.close()
  })

  t.equal(normal.pragma('journal_mode', { simple: true }), 'wal')
  t.equal(normal.pragma('synchronous', { simple: true }), 1, 'NORMAL')
  t.equal(full.pragma('synchronous', { simple: true }), 2, 'FULL')
  t.equal(normal.pragma('busy_timeout', { simple: true }), 5000)
})

t.test("the sample server's settings come from the environment, and bad ones are refused", async (t) => {
  const config = loadConfig({ WORKERS: '3', DATABASE_SYNCHRONOUS: 'FULL', MAX_STRING_LENGTH: '100', LOGIN_WINDOW_MS: '60000' })
  const defaults = loadConfig({})

  t.equal(config.workers, 3)
  t.equal(config.synchronous, 'full')
  t.equal(config.limits.maxStringLength, 100)
  t.equal(config.limits.loginWindowMs, 60_000)
  t.equal(defaults.workers, 1)
  t.same(Object.values(defaults.limits).filter((v) => v !== undefined), [], 'unset limits keep the framework defaults')
  t.throws(() => loadConfig({ DATABASE_SYNCHRONOUS: 'off' }), /DATABASE_SYNCHRONOUS must be 'normal' or 'full', not 'off'/)
  t.throws(() => loadConfig({ WORKERS: '1.5' }), /WORKERS must be a whole number above 0, not '1.5'/)
})
