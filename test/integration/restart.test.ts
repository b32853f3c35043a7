import t from 'tap'
import { join } from 'node:path'
import { createApp } from '../../src/app/create-app'
import { openDatabase } from '../../src/store/database'
import { cookieHeader, seedUsers, users } from '../helpers/build-app'

t.test('tokens and sessions survive a restart on the same database file', async (t) => {
  const path = join(t.testdir(), 'app.db')
  const first = openDatabase(path)
  await seedUsers(first)
  const app1 = await createApp({ database: first })
  const login = await app1.inject({
    method: 'POST',
    url: '/auth/credentials',
    payload: { userName: users.alice.userName, password: users.alice.password, rememberMe: true },
  })
  const cookie = cookieHeader(login)
  await app1.inject({ method: 'POST', url: '/app/tokens', headers: { cookie }, payload: { deviceType: 'Web', token: 'kept' } })
  await app1.close()
  first.close()

  const second = openDatabase(path)
  const app2 = await createApp({ database: second })
  t.teardown(async () => {
    await app2.close()
    second.close()
  })
  const session = await app2.inject({ url: '/auth', headers: { cookie } })
  const list = await app2.inject({ url: '/app/tokens', headers: { cookie } })
  const bearer = await app2.inject({
    url: '/app/tokens',
    headers: { authorization: `Bearer ${login.json().bearerToken}` },
  })

  t.equal(login.statusCode, 200)
  t.same(login.cookies.map((c) => c.name).sort(), ['ss-id', 'ss-opt', 'ss-pid'])
  t.equal(session.statusCode, 200)
  t.equal(session.json().userName, 'alice')
  t.equal(list.statusCode, 200)
  t.same(list.json().items.map((i: { token: string }) => i.token), ['kept'])
  t.equal(bearer.statusCode, 200)
})

t.test('logout ends the session on the server, not only in the browser', async (t) => {
  const path = join(t.testdir(), 'app.db')
  const database = openDatabase(path)
  await seedUsers(database)
  const app = await createApp({ database })
  t.teardown(async () => {
    await app.close()
    database.close()
  })
  const login = await app.inject({
    method: 'POST',
    url: '/auth/credentials',
    payload: { userName: users.bob.userName, password: users.bob.password },
  })
  const cookie = cookieHeader(login)

  const logout = await app.inject({ method: 'POST', url: '/auth/logout', headers: { cookie } })
  const replayed = await app.inject({ url: '/app/tokens', headers: { cookie } })

  t.equal(logout.statusCode, 200)
  t.same(
    logout.cookies.map((c) => [c.name, c.value, c.maxAge]),
    [['ss-id', '', 0], ['ss-pid', '', 0], ['ss-opt', '', 0]],
  )
  t.equal(replayed.statusCode, 401)
})
