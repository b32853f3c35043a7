/**
 * `WORKERS=2 npm start`: two processes on one port and one database file share what must
 * be one (schema, signing key, sessions, sign-in throttling); the primary replaces a worker
 * that dies, gives up on one that cannot start, and stops both on SIGTERM.
 */
import t from 'tap'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { openDatabase } from '../../src/store/database'
import { seedUsers, users } from '../helpers/build-app'
import { runUser, startServer, stopServer, type ServerProcess } from '../helpers/processes'

const root = join(__dirname, '..', '..', '..')

interface Answer {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly body: string
}

// One request on a connection of its own, so the primary hands it to the next worker.
function fresh(baseUrl: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end(init.body)
  })
}

// The process that logged a request, found by the request id it was sent with.
function pidOf(server: ServerProcess, requestId: string): number | undefined {
  const line = server.lines.find((l) => l.includes(`"reqId":"${requestId}"`))
  return line === undefined ? undefined : (JSON.parse(line) as { pid: number }).pid
}

function workerPids(server: ServerProcess): number[] {
  return server.lines.filter((l) => /listening on/.test(l)).map((l) => (JSON.parse(l) as { pid: number }).pid)
}

// Resolves once `count` workers have logged that they listen, replacements included.
function waitForWorkers(server: ServerProcess, count: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (workerPids(server).length >= count ? resolve() : setTimeout(check, 20))
    check()
  })
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function seeded(t: tap.Test): Promise<string> {
  const path = join(t.testdir(), 'app.db')
  const database = openDatabase(path)
  await seedUsers(database, [users.alice, users.bob])
  database.close()
  return path
}

t.test('two workers start at once on a fresh file: one schema, one signing key', async (t) => {
  t.setTimeout(60_000)
  const path = join(t.testdir(), 'fresh.db')
  const server = await startServer(path, { WORKERS: '2', LOG_LEVEL: 'debug' })
  t.equal(runUser(path, ['add', 'carol', '--password', 'carol-password', '--roles', 'User']).status, 0)

  const login = await fresh(server.baseUrl, '/auth/credentials', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userName: 'carol', password: 'carol-password' }),
  })
  const bearer = (JSON.parse(login.body) as { bearerToken: string }).bearerToken
  const calls = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      fresh(server.baseUrl, '/app/tokens', { headers: { authorization: `Bearer ${bearer}`, 'x-request-id': `key-${i}` } }),
    ),
  )
  const code = await stopServer(server)

  t.equal(workerPids(server).length, 2, 'both workers listen')
  t.same(calls.map((c) => c.status), Array(8).fill(200), 'a bearer token signed by one worker is valid on the other')
  t.equal(new Set(calls.map((_, i) => pidOf(server, `key-${i}`))).size, 2, 'both workers answered')
  t.equal(code, 0)
  const database = openDatabase(path)
  const migrations = database.prepare('SELECT scope, version FROM schema_migrations ORDER BY scope, version').all()
  const keys = database.prepare('SELECT name FROM auth_settings').all()
  database.close()
  t.same(migrations, [
    { scope: 'app', version: 1 },
    { scope: 'dtostack', version: 1 },
    { scope: 'dtostack', version: 2 },
    { scope: 'dtostack', version: 3 },
  ])
  t.equal(keys.length, 1, 'one signing key was made and kept')
})

t.test('processes opening and migrating one fresh file at the same moment all succeed', async (t) => {
  t.setTimeout(60_000)
  const script = `
    const { openDatabase } = require(${JSON.stringify(join(root, 'dist', 'src', 'store', 'database'))})
    const { SqliteAuthStore } = require(${JSON.stringify(join(root, 'dist', 'src', 'store', 'auth-store'))})
    const { DeviceTokenTable } = require(${JSON.stringify(join(root, 'dist', 'src', 'app', 'tables'))})
    const { TokenIssuer } = require(${JSON.stringify(join(root, 'dist', 'src', 'auth', 'tokens'))})
    const db = openDatabase(process.argv[1])
    const store = new SqliteAuthStore(db)
    new DeviceTokenTable(db)
    TokenIssuer.create(store, {})
    db.close()
  `
  const failures: string[] = []
  for (let round = 0; round < 3; round++) {
    const path = join(t.testdir(), `race-${round}.db`)
    const children = Array.from({ length: 4 }, () => {
      const child = spawn(process.execPath, ['-e', script, path], { stdio: ['ignore', 'ignore', 'pipe'] })
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      return once(child, 'exit').then(([code]) => (code === 0 ? undefined : `exit ${code}: ${stderr}`))
    })
    for (const failure of await Promise.all(children)) if (failure) failures.push(failure)
    const database = openDatabase(path)
    const steps = (database.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n
    const keys = (database.prepare('SELECT count(*) AS n FROM auth_settings').get() as { n: number }).n
    database.close()
    t.equal(steps, 4, `round ${round}: each step applied once`)
    t.equal(keys, 1, `round ${round}: one signing key`)
  }

  t.same(failures, [], 'no process failed')
})

t.test('a session made through one worker works on the other', async (t) => {
  t.setTimeout(60_000)
  const server = await startServer(await seeded(t), { WORKERS: '2', LOG_LEVEL: 'debug' })
  const login = await fresh(server.baseUrl, '/auth/credentials', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'login' },
    body: JSON.stringify({ userName: 'alice', password: users.alice.password }),
  })
  const cookie = (login.headers['set-cookie'] as string[]).map((c) => c.split(';')[0]).join('; ')

  const calls = []
  for (let i = 0; i < 6; i++) {
    calls.push(await fresh(server.baseUrl, '/app/tokens', { headers: { cookie, 'x-request-id': `session-${i}` } }))
  }
  const loginPid = pidOf(server, 'login')
  const otherPids = calls.map((_, i) => pidOf(server, `session-${i}`)).filter((pid) => pid !== loginPid)
  await stopServer(server)

  t.equal(login.status, 200)
  t.same(calls.map((c) => c.status), Array(6).fill(200))
  t.ok(otherPids.length > 0, 'the session was used on the worker that did not make it')
})

t.test('sign-in throttling counts the failures of both workers together', async (t) => {
  t.setTimeout(60_000)
  const server = await startServer(await seeded(t), { WORKERS: '2', LOG_LEVEL: 'debug', LOGIN_MAX_FAILURES_PER_USER: '4' })
  const attempt = (id: string, password: string) =>
    fresh(server.baseUrl, '/auth/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': id },
      body: JSON.stringify({ userName: 'bob', password }),
    })

  const failures = []
  for (let i = 0; i < 4; i++) failures.push(await attempt(`fail-${i}`, `wrong-${i}`))
  const blocked = [await attempt('after-1', users.bob.password), await attempt('after-2', users.bob.password)]
  const failingPids = new Set(failures.map((_, i) => pidOf(server, `fail-${i}`)))
  const blockedPids = new Set(['after-1', 'after-2'].map((id) => pidOf(server, id)))
  await stopServer(server)

  t.same(failures.map((f) => f.status), [401, 401, 401, 401])
  t.equal(failingPids.size, 2, 'the failures were spread over both workers')
  t.same(blocked.map((b) => b.status), [429, 429], 'the fifth attempt is refused on either worker')
  t.equal(blockedPids.size, 2)
  t.match(JSON.parse(blocked[0]!.body), { responseStatus: { errorCode: 'TooManyRequests' } })
})

t.test('the primary replaces a worker that dies and stops every worker on SIGTERM', async (t) => {
  t.setTimeout(60_000)
  const path = await seeded(t)
  const server = await startServer(path, { WORKERS: '2' })
  const [victim, survivor] = workerPids(server)

  process.kill(victim!, 'SIGKILL')
  const died = JSON.parse(await server.waitForLine(/"msg":"a worker died: starting another"/)) as Record<string, unknown>
  await waitForWorkers(server, 3)
  const replacement = workerPids(server)[2]!
  const health = await Promise.all(Array.from({ length: 4 }, () => fresh(server.baseUrl, '/health')))
  const code = await stopServer(server)

  t.same(health.map((h) => h.status), [200, 200, 200, 200], 'the port is served again')
  t.not(replacement, victim)
  t.match(died, { pid: server.child.pid, role: 'primary', worker: victim, signal: 'SIGKILL' }, 'the primary logs the pid of the worker that died')
  t.equal(code, 0)
  t.equal(server.lines.filter((l) => /"msg":"shutting down"/.test(l) && !/"role":"primary"/.test(l)).length, 2, 'both workers shut down gracefully')
  t.notOk(isRunning(survivor!) || isRunning(replacement), 'no worker is left running')
  // Not whether the write-ahead log is gone: SQLite removes it only when the connection that
  // closes is the last one open, which two workers closing at the same moment can both miss.
  t.equal(server.lines.filter((l) => /"msg":"database closed"/.test(l)).length, 2, 'every worker closed the database')
})

t.test('the primary gives up on workers that die over and over, instead of restarting them in a loop', async (t) => {
  t.setTimeout(90_000)
  const server = await startServer(await seeded(t), { WORKERS: '2' })

  for (let kill = 0; kill < 6; kill++) {
    const live = workerPids(server).filter(isRunning)
    process.kill(live[0]!, 'SIGKILL')
    // Two workers at the start, one more after each replacement.
    if (kill < 5) await waitForWorkers(server, 3 + kill)
  }
  const code = await server.exited

  t.equal(code, 1)
  t.equal(server.lines.filter((l) => /a worker died: starting another/.test(l)).length, 5)
  t.ok(server.lines.some((l) => /workers died 6 times within a minute: stopping/.test(l)))
  t.notOk(workerPids(server).some(isRunning), 'no worker is left running')
})

t.test('a worker that cannot start stops the primary at once, with no restart', async (t) => {
  t.setTimeout(60_000)
  const blocker = join(t.testdir(), 'not-a-folder')
  writeFileSync(blocker, '')
  const child = spawn(process.execPath, [join(root, 'dist', 'src', 'app', 'main.js')], {
    env: { ...process.env, WORKERS: '2', PORT: '0', DATABASE_PATH: join(blocker, 'app.db') },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))

  const [code] = await once(child, 'exit')

  t.equal(code, 1)
  t.match(stdout, /a worker failed to start: stopping/)
  t.notMatch(stdout, /starting another/)
})
