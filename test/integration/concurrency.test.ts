/**
 * Many writers at once on one database file, in one process and in two worker processes:
 * exactly the expected rows, and only 200s or clean 4xx answers, never a 500 or a
 * SQLITE_BUSY; past the busy timeout a 503 with Retry-After.
 */
import t from 'tap'
import { join } from 'node:path'
import { createApp } from '../../src/app/create-app'
import { openDatabase } from '../../src/store/database'
import { seedUsers, users } from '../helpers/build-app'
import { signIn, startServer, stopServer } from '../helpers/processes'

const calls = 1000
const writers = [users.alice, users.bob, users.root]

interface Outcome {
  readonly status: number
  readonly body: string
  readonly expected: 200 | 400
  readonly user: number
  readonly token: string
}

/**
 * 1,000 NewDeviceToken calls sent at once by three signed-in users. The user is `i % 3`
 * and the token `tok-(i % 200)`: 600 distinct (user, token) pairs, 400 of them sent twice
 * by the same user at the same moment, and the same token names used by every user.
 * Every 50th call has a device type that does not exist and must be a 400; 12 pairs are sent
 * only that way, so 588 rows must be stored.
 */
async function hammer(baseUrl: string): Promise<{ outcomes: Outcome[]; ms: number }> {
  const bearers = await Promise.all(writers.map((u) => signIn(baseUrl, u.userName, u.password)))
  const started = Date.now()
  const outcomes = await Promise.all(
    Array.from({ length: calls }, async (_, i): Promise<Outcome> => {
      const user = i % writers.length
      const token = `tok-${i % 200}`
      const expected = i % 50 === 49 ? 400 : 200
      const deviceType = expected === 400 ? 'Fax' : ['Web', 'iOS', 'Android'][i % 3]
      const res = await fetch(`${baseUrl}/api/NewDeviceToken`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearers[user]}` },
        body: JSON.stringify({ deviceType, token }),
      })
      return { status: res.status, body: await res.text(), expected, user, token }
    }),
  )
  return { outcomes, ms: Date.now() - started }
}

function checkOutcomes(t: tap.Test, outcomes: readonly Outcome[]): void {
  const wrong = outcomes.filter((o) => o.status !== o.expected)
  t.same(wrong.slice(0, 5), [], 'every call answered as expected (200, or 400 for a bad device type)')
  t.notOk(outcomes.some((o) => /SQLITE/i.test(o.body)), 'no answer mentions SQLite')
  const mismatched = outcomes.filter((o) => o.status === 200 && JSON.parse(o.body).token !== o.token)
  t.same(mismatched, [], 'every 200 answers the token that was sent')
  const refused = outcomes.find((o) => o.status === 400)
  t.match(JSON.parse(refused!.body), { responseStatus: { errorCode: 'SerializationException' } })
}

// The rows a run must leave: one per distinct (user, token) of an accepted call.
function expectedRows(outcomes: readonly Outcome[], ids: readonly number[]): string[] {
  const rows = new Set(outcomes.filter((o) => o.expected === 200).map((o) => `${ids[o.user]}:${o.token}`))
  return [...rows].sort()
}

function storedRows(path: string): string[] {
  const database = openDatabase(path)
  try {
    const rows = database.prepare('SELECT user_id, token FROM device_tokens').all() as Array<{ user_id: number; token: string }>
    return rows.map((r) => `${r.user_id}:${r.token}`).sort()
  } finally {
    database.close()
  }
}

async function seededFile(t: tap.Test): Promise<{ path: string; ids: number[] }> {
  const path = join(t.testdir(), 'app.db')
  const database = openDatabase(path)
  await seedUsers(database)
  // Creating the app once makes its own table, so the rows can be read back either way.
  await (await createApp({ database })).close()
  const ids = writers.map((u) => (database.prepare('SELECT id FROM users WHERE user_name = ?').get(u.userName) as { id: number }).id)
  database.close()
  return { path, ids }
}

t.test('1,000 concurrent NewDeviceToken calls on a database file leave exactly the expected rows', async (t) => {
  t.setTimeout(120_000)
  const { path, ids } = await seededFile(t)
  const database = openDatabase(path)
  const app = await createApp({ database })
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 })

  const { outcomes, ms } = await hammer(baseUrl)
  await app.close()
  database.close()

  t.comment(`one process: ${calls} calls in ${ms} ms, ${outcomes.filter((o) => o.status === 200).length} answered 200`)
  checkOutcomes(t, outcomes)
  const stored = storedRows(path)
  t.equal(stored.length, 588)
  t.same(stored, expectedRows(outcomes, ids), 'one row per distinct user and token, none twice, none lost')
})

t.test('the same 1,000 calls against two worker processes on one file', async (t) => {
  t.setTimeout(120_000)
  const { path, ids } = await seededFile(t)
  const server = await startServer(path, { WORKERS: '2' })

  const { outcomes, ms } = await hammer(server.baseUrl)
  const code = await stopServer(server)

  t.comment(`two workers: ${calls} calls in ${ms} ms, ${outcomes.filter((o) => o.status === 200).length} answered 200`)
  t.equal(code, 0)
  checkOutcomes(t, outcomes)
  const stored = storedRows(path)
  t.equal(stored.length, 588)
  t.same(stored, expectedRows(outcomes, ids), 'one row per distinct user and token, none twice, none lost')
  t.same(server.lines.filter((l) => /"level":(50|60)/.test(l)), [], 'no error was logged')
})

t.test('a write lock held past the busy timeout is a 503 with Retry-After and a ResponseStatus', async (t) => {
  t.setTimeout(60_000)
  const { path } = await seededFile(t)
  const server = await startServer(path, { DATABASE_BUSY_TIMEOUT_MS: '100' })
  const bearer = await signIn(server.baseUrl, users.alice.userName, users.alice.password)
  const other = openDatabase(path)
  t.teardown(() => other.close())
  const post = () =>
    fetch(`${server.baseUrl}/app/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ deviceType: 'Web', token: 'locked-out' }),
    })

  other.exec('BEGIN IMMEDIATE')
  const busy = await post()
  const healthWhileLocked = await fetch(`${server.baseUrl}/health`)
  other.exec('ROLLBACK')
  const free = await post()
  await stopServer(server)

  t.equal(busy.status, 503)
  t.equal(busy.headers.get('retry-after'), '1')
  t.match(await busy.json(), {
    responseStatus: { errorCode: 'ServiceUnavailable', message: 'The database is busy: try again shortly' },
  })
  t.equal(healthWhileLocked.status, 200, 'readers are not blocked by a writer (WAL)')
  t.equal(free.status, 200)
  t.same(await free.json(), { deviceType: 'Web', token: 'locked-out' })
})
