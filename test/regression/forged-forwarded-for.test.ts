/**
 * Behind a proxy that appends to X-Forwarded-For, the entries left of its own are what the
 * client wrote: the sample's TRUST_PROXY counts failed sign-ins against the address the
 * proxy added, so a client cannot escape the per-address count by inventing addresses.
 */
import t from 'tap'
import { createApp } from '../../src/app/create-app'
import { loadConfig, proxyTrust } from '../../src/app/config'
import { openDatabase } from '../../src/store/database'
import { seedUsers } from '../helpers/build-app'

async function build(t: tap.Test, env: NodeJS.ProcessEnv) {
  const database = openDatabase(':memory:')
  await seedUsers(database)
  const app = await createApp({
    database,
    auth: { throttle: { maxFailuresPerAddress: 3 } },
    fastify: { trustProxy: proxyTrust(loadConfig(env)) },
  })
  t.teardown(() => app.close().then(() => database.close()))
  return app
}

// Each attempt names another user, so only the count per address can refuse it.
const attempt = (app: Awaited<ReturnType<typeof build>>, i: number, forwarded: string) =>
  app.inject({
    method: 'POST',
    url: '/auth/credentials',
    remoteAddress: '10.0.0.2',
    headers: { 'x-forwarded-for': forwarded },
    payload: { userName: `nobody-${i}`, password: 'wrong-password' },
  })

t.test('TRUST_PROXY=1: invented addresses left of the proxy\'s own do not escape the count', async (t) => {
  const app = await build(t, { TRUST_PROXY: '1' })

  const statuses = []
  for (let i = 0; i < 5; i++) statuses.push((await attempt(app, i, `198.51.100.${i}, 203.0.113.7`)).statusCode)

  t.same(statuses, [401, 401, 401, 429, 429])
})

t.test('TRUST_PROXY=1 still tells the clients of one proxy apart', async (t) => {
  const app = await build(t, { TRUST_PROXY: 'true' })

  const statuses = []
  for (let i = 0; i < 5; i++) statuses.push((await attempt(app, i, `203.0.113.${i}`)).statusCode)

  t.same(statuses, [401, 401, 401, 401, 401])
})

t.test('TRUST_PROXY=2 takes the address two hops back, for a chain of two proxies', async (t) => {
  const app = await build(t, { TRUST_PROXY: '2' })

  const statuses = []
  for (let i = 0; i < 4; i++) statuses.push((await attempt(app, i, `198.51.100.${i}, 203.0.113.7, 10.0.0.1`)).statusCode)

  t.same(statuses, [401, 401, 401, 429])
  t.equal(loadConfig({}).trustProxy, false)
  t.equal(loadConfig({ TRUST_PROXY: '0' }).trustProxy, false)
  t.throws(() => loadConfig({ TRUST_PROXY: 'yes' }), /TRUST_PROXY must be a whole number above 0, not 'yes'/)
})
