/** Secrets never reach the log; the client address comes from a proxy only when trusted. */
import t from 'tap'
import { Writable } from 'node:stream'
import { createApp } from '../../src/app/create-app'
import { openDatabase } from '../../src/store/database'
import { seedUsers, users } from '../helpers/build-app'

t.test('passwords, tokens, keys and cookies are never logged, even at trace level', async (t) => {
  const lines: string[] = []
  const stream = new Writable({ write: (chunk, _e, done) => { lines.push(String(chunk)); done() } })
  const database = openDatabase(':memory:')
  await seedUsers(database)
  const app = await createApp({ database, debug: true, fastify: { logger: { level: 'trace', stream } } })
  t.teardown(async () => {
    await app.close()
    database.close()
  })

  const login = await app.inject({ method: 'POST', url: '/auth/credentials', payload: { userName: 'alice', password: users.alice.password } })
  const { bearerToken, sessionId } = login.json()
  await app.inject({ method: 'POST', url: '/auth/credentials', payload: { userName: 'alice', password: 'wrong-secret-123' } })
  await app.inject({ url: '/app/tokens', headers: { authorization: `Bearer ${bearerToken}` } })
  await app.inject({ url: '/app/tokens', headers: { cookie: `ss-id=${sessionId}` } })
  await app.inject({ url: '/app/tokens', headers: { authorization: 'Bearer ak_secret-api-key-value' } })
  await app.inject({ method: 'POST', url: '/app/tokens', headers: { authorization: `Bearer ${bearerToken}`, 'content-type': 'application/json' }, payload: '{bad' })

  const log = lines.join('')
  t.ok(lines.length > 10, 'the requests were logged')
  for (const secret of [users.alice.password, 'wrong-secret-123', bearerToken, sessionId, 'ak_secret-api-key-value']) {
    t.notOk(log.includes(secret), `${String(secret).slice(0, 12)}... is not in the log`)
  }
})

t.test('X-Forwarded-For names the client only when the server trusts its proxy', async (t) => {
  for (const trustProxy of [false, true]) {
    const database = openDatabase(':memory:')
    await seedUsers(database)
    const app = await createApp({ database, auth: { throttle: { maxFailuresPerAddress: 3 } }, fastify: { trustProxy } })
    const attempt = (forwarded: string) =>
      app.inject({
        method: 'POST',
        url: '/auth/credentials',
        headers: { 'x-forwarded-for': forwarded },
        payload: { userName: `nobody-${forwarded}`, password: 'wrong' },
      })

    const statuses = []
    for (const forwarded of ['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4']) statuses.push((await attempt(forwarded)).statusCode)
    await app.close()
    database.close()

    t.same(statuses, trustProxy ? [401, 401, 401, 401] : [401, 401, 401, 429], `trustProxy: ${trustProxy}`)
  }
})
