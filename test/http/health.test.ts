/** `GET /health` for load balancers, and request ids in answers and in every log line. */
import t from 'tap'
import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { createApp } from '../../src/app/create-app'
import { openDatabase } from '../../src/store/database'
import * as kinds from '../fixtures/dtos/kinds'
import { buildApp, seedUsers, users } from '../helpers/build-app'
import { fixtureApp } from '../helpers/fixture-app'

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

t.test('the sample app answers /health with its database check', async (t) => {
  const { app } = await buildApp(t)

  const res = await app.inject({ url: '/health' })
  const head = await app.inject({ method: 'HEAD', url: '/health' })

  t.equal(res.statusCode, 200)
  t.same(res.json(), { status: 'Healthy', checks: { database: 'Healthy' } })
  t.equal(res.headers['cache-control'], 'no-store')
  t.equal(head.statusCode, 200)
})

t.test('/health is a 503 with a ResponseStatus once the database cannot be reached', async (t) => {
  const database = openDatabase(':memory:')
  const app = await createApp({ database })
  t.teardown(() => app.close())

  database.close()
  const res = await app.inject({ url: '/health' })

  t.equal(res.statusCode, 503)
  t.match(res.json(), {
    status: 'Unhealthy',
    checks: { database: 'Unhealthy' },
    responseStatus: { errorCode: 'ServiceUnavailable', message: 'Unhealthy: database' },
  })
})

t.test('health probes that throw, reject or take too long each fail the check', async (t) => {
  const app = await fixtureApp(t, {
    modules: [kinds],
    health: {
      path: '/ready',
      timeoutMs: 50,
      probes: {
        fine: () => 'ok',
        throws: () => {
          throw new Error('down')
        },
        rejects: () => Promise.reject(new Error('down')),
        hangs: () => new Promise(() => {}),
      },
    },
  })

  const res = await app.inject({ url: '/ready' })

  t.equal(res.statusCode, 503)
  t.same(res.json().checks, { fine: 'Healthy', throws: 'Unhealthy', rejects: 'Unhealthy', hangs: 'Unhealthy' })
  t.equal(res.json().responseStatus.message, 'Unhealthy: throws, rejects, hangs')
})

t.test('health: true answers without probes; without the option there is no health route', async (t) => {
  const withHealth = await fixtureApp(t, { modules: [kinds], health: true })
  const without = await fixtureApp(t, { modules: [kinds] })

  const res = await withHealth.inject({ url: '/health' })
  const none = await without.inject({ url: '/health' })

  t.equal(res.statusCode, 200)
  t.same(res.json(), { status: 'Healthy', checks: {} })
  t.equal(none.statusCode, 404)
})

t.test("a client's X-Request-Id is kept when short and safe, otherwise a UUID of the server's own is made", async (t) => {
  const { app } = await buildApp(t)
  const idOf = async (sent?: string) =>
    (await app.inject({ url: '/app/device-types', headers: sent === undefined ? {} : { 'x-request-id': sent } })).headers[
      'x-request-id'
    ]

  const kept = await idOf('trace-1.2:3_abc')
  const none = [await idOf(), await idOf()]
  const tooLong = await idOf('a'.repeat(129))
  const unsafe = await idOf('a b<script>')
  const longest = await idOf('b'.repeat(128))

  t.equal(kept, 'trace-1.2:3_abc')
  t.match(none[0], uuid)
  t.not(none[0], none[1], 'every request gets its own id')
  t.match(tooLong, uuid)
  t.match(unsafe, uuid)
  t.equal(longest, 'b'.repeat(128))
})

t.test('every log line written during a request carries its request id', async (t) => {
  const lines: Array<Record<string, unknown>> = []
  const stream = new Writable({
    write: (chunk, _encoding, done) => {
      lines.push(JSON.parse(String(chunk)))
      done()
    },
  })
  const database = openDatabase(':memory:')
  await seedUsers(database)
  const app = await createApp({ database, fastify: { logger: { level: 'trace', stream } } })
  t.teardown(() => app.close())
  const requests = [
    { id: 'sign-in-fails', method: 'POST', url: '/auth/credentials', payload: { userName: 'alice', password: 'wrong-password' } },
    { id: 'sign-in', method: 'POST', url: '/auth/credentials', payload: { userName: 'alice', password: users.alice.password } },
    { id: 'bad-body', method: 'POST', url: '/app/tokens', payload: '{not json', headers: { 'content-type': 'application/json' } },
    { id: 'unknown-op', method: 'GET', url: '/api/NoSuchOperation' },
    { id: 'health-fails', method: 'GET', url: '/health', closeFirst: true },
    { id: 'server-error', method: 'GET', url: '/app/tokens', bearer: true },
  ] as const
  let bearer = ''

  const seen = new Map<string, Array<Record<string, unknown>>>()
  for (const request of requests) {
    if ('closeFirst' in request) database.close()
    const before = lines.length
    const headers: Record<string, string> = { 'x-request-id': request.id, ...('headers' in request ? request.headers : {}) }
    if ('bearer' in request) headers.authorization = `Bearer ${bearer}`
    const res = await app.inject({ method: request.method, url: request.url, headers, payload: 'payload' in request ? request.payload : undefined })
    if (request.id === 'sign-in') bearer = res.json().bearerToken
    seen.set(request.id, lines.slice(before))
  }

  for (const [id, written] of seen) {
    // The health route logs at warn and above only: load balancers poll it all the time.
    t.ok(written.length >= (id === 'health-fails' ? 1 : 2), `${id} was logged`)
    t.same(written.filter((line) => line.reqId !== id), [], `every line of ${id} carries its id`)
  }
  t.ok(seen.get('health-fails')!.some((l) => l.msg === 'health probe failed'), 'the failed probe is logged with the request')
  t.ok(seen.get('server-error')!.some((l) => l.msg === 'request failed' && l.level === 50), 'the 500 is logged with the request')
  t.ok(seen.get('bad-body')!.some((l) => l.msg === 'request refused'), 'the refusal is logged with the request')
})

t.test('/health is a 503 once the database file is deleted or replaced under the server', async (t) => {
  const dir = t.testdir()
  const path = join(dir, 'app.db')
  const database = openDatabase(path)
  const app = await createApp({ database })
  t.teardown(() => app.close().then(() => database.close()))

  t.equal((await app.inject({ url: '/health' })).statusCode, 200)
  renameSync(path, `${path}.moved`)
  const deleted = await app.inject({ url: '/health' })
  writeFileSync(path, '')
  const replaced = await app.inject({ url: '/health' })
  rmSync(path)
  renameSync(`${path}.moved`, path)
  const back = await app.inject({ url: '/health' })

  for (const res of [deleted, replaced]) {
    t.equal(res.statusCode, 503)
    t.match(res.json(), { status: 'Unhealthy', checks: { database: 'Unhealthy' }, responseStatus: { errorCode: 'ServiceUnavailable' } })
  }
  t.equal(back.statusCode, 200, 'healthy again once the file is back')
})
