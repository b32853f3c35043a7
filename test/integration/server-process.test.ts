/** `npm start` and `npm run user` as a user runs them: real processes on a real file. */
import t from 'tap'
import { join } from 'node:path'
import { runUser, startServer, stopServer } from '../helpers/processes'

t.test('the user command adds, lists and removes users', async (t) => {
  const path = join(t.testdir(), 'users.db')

  const mistyped = runUser(path, ['list'])
  const add = runUser(path, ['add', 'carol', '--password', 'carol-password', '--roles', 'User,Admin'])
  const fromStdin = runUser(path, ['add', 'dave', '--roles', 'User'], 'dave-password\n')
  const taken = runUser(path, ['add', 'CAROL', '--password', 'another-password'])
  const short = runUser(path, ['add', 'erin', '--password', 'short'])
  const list = runUser(path, ['list'])
  const remove = runUser(path, ['remove', 'dave'])
  const missing = runUser(path, ['remove', 'dave'])

  t.equal(mistyped.status, 2, 'listing a file that does not exist is a mistake, not an empty list')
  t.match(mistyped.stderr, `no database at ${path}`)
  t.equal(add.status, 0, add.stderr)
  t.match(add.stdout, /added user 'carol' \(id 1, roles: Admin, User\)/)
  t.equal(fromStdin.status, 0, fromStdin.stderr)
  t.equal(taken.status, 2)
  t.match(taken.stderr, /already taken/)
  t.equal(short.status, 2)
  t.match(list.stdout, /carol\troles: Admin,User/)
  t.match(list.stdout, /dave\troles: User/)
  t.equal(remove.status, 0)
  t.equal(missing.status, 1)
  runUser(path, ['remove', 'carol'])
  t.match(runUser(path, ['list']).stdout, `no users in ${path}`, 'an empty list says so')
})

t.test('npm start serves the API, logs one startup line and stops cleanly; data and sessions survive', async (t) => {
  t.setTimeout(60_000)
  const path = join(t.testdir(), 'data', 'app.db')
  t.equal(runUser(path, ['add', 'alice', '--password', 'alice-password', '--roles', 'User']).status, 0)

  const server = await startServer(path)
  const login = await fetch(`${server.baseUrl}/auth/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userName: 'alice', password: 'alice-password', rememberMe: true }),
  })
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const created = await fetch(`${server.baseUrl}/app/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ deviceType: 'Web', token: 'from-process' }),
  })
  const code = await stopServer(server)

  t.equal(login.status, 200)
  t.equal(created.status, 200)
  t.same(await created.json(), { deviceType: 'Web', token: 'from-process' })
  t.equal(code, 0, 'exits 0 on SIGTERM')
  const startup = server.lines.filter((l) => /listening on/.test(l))
  t.equal(startup.length, 1)
  t.match(JSON.parse(startup[0]!).msg, /listening on http:\/\/127\.0\.0\.1:\d+: 6 operations, database /)

  const again = await startServer(path)
  const list = await fetch(`${again.baseUrl}/app/tokens`, { headers: { cookie } })
  const items = ((await list.json()) as { items: Array<{ token: string }> }).items
  await stopServer(again)

  t.equal(list.status, 200)
  t.same(items.map((i) => i.token), ['from-process'])
})

t.test('SIGTERM under load lets accepted requests finish and loses no answered write', async (t) => {
  t.setTimeout(60_000)
  const path = join(t.testdir(), 'load.db')
  t.equal(runUser(path, ['add', 'alice', '--password', 'alice-password', '--roles', 'User']).status, 0)
  const server = await startServer(path)
  const login = await fetch(`${server.baseUrl}/auth/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userName: 'alice', password: 'alice-password' }),
  })
  const bearer = ((await login.json()) as { bearerToken: string }).bearerToken

  const requests = Array.from({ length: 60 }, (_, i) =>
    fetch(`${server.baseUrl}/app/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ deviceType: 'Web', token: `load-${i}` }),
    }).then(
      // A refusal during the shutdown is a 503 with a ResponseStatus, nothing else.
      async (res) => (res.status === 503 && !/"errorCode":"ServiceUnavailable"/.test(await res.text()) ? 'unclean 503' : res.status),
      () => 'refused',
    ),
  )
  await Promise.race(requests)
  const code = await stopServer(server)
  const outcomes = await Promise.all(requests)

  t.equal(code, 0)
  t.same(outcomes.filter((o) => o !== 200 && o !== 503 && o !== 'refused'), [], 'no failure other than a refusal')
  const answered = outcomes.filter((o) => o === 200).length
  t.ok(answered >= 1)
  const again = await startServer(path)
  const list = await fetch(`${again.baseUrl}/app/tokens?countPerPage=1000`, { headers: { authorization: `Bearer ${bearer}` } })
  const stored = ((await list.json()) as { totalCount: number }).totalCount
  await stopServer(again)
  t.ok(stored >= answered, 'every answered write is stored')
})

t.test('the user command manages roles, permissions and API keys the server accepts', async (t) => {
  t.setTimeout(60_000)
  const path = join(t.testdir(), 'keys.db')
  runUser(path, ['add', 'kim', '--password', 'kim-password'])

  const roles = runUser(path, ['roles', 'kim', '--add', 'User,Manager', '--remove', 'Manager'])
  const permissions = runUser(path, ['permissions', 'kim', '--add', 'tokens:write'])
  const limited = runUser(path, ['apikey', 'kim', '--days', '30', '--roles', 'User'])
  const key = limited.stdout.trim().split('\n').at(-1)!
  const listed = runUser(path, ['apikeys', 'kim'])
  const badDays = runUser(path, ['apikey', 'kim', '--days', 'soon'])

  t.match(roles.stdout, /roles of 'kim': User/)
  t.match(permissions.stdout, /permissions of 'kim': tokens:write/)
  t.match(key, /^ak_[\w-]{43}$/)
  t.match(listed.stdout, /^1\tak_[\w-]{5}\.\.\.\tlive\troles: User\texpires: \d{4}-/m)
  t.equal(badDays.status, 2)

  const server = await startServer(path)
  const created = await fetch(`${server.baseUrl}/app/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ deviceType: 'Android', token: 'by-key' }),
  })
  const revoke = runUser(path, ['revoke-key', '1'])
  const after = await fetch(`${server.baseUrl}/app/tokens`, { headers: { authorization: `Bearer ${key}` } })
  await created.text()
  await after.text()
  await stopServer(server)

  t.equal(created.status, 200)
  t.equal(revoke.status, 0)
  t.equal(after.status, 401)
})
