/** Abuse of sign-in and registration found in review: each stays shut. */
import t from 'tap'
import { Handles, Prop, RequiredPermission, RequiredRole, Returns, Route } from '../../src/index'
import { SqliteAuthStore } from '../../src/store/auth-store'
import { openDatabase } from '../../src/store/database'
import { buildApp, login, seedUsers, users } from '../helpers/build-app'
import { apiKeyOf, signIn } from '../helpers/identities'
import { fixtureApp } from '../helpers/fixture-app'

const signInAs = (app: Awaited<ReturnType<typeof buildApp>>['app'], userName: string, password: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/auth/credentials', headers, payload: { userName, password } })

t.test('huge user names cost a fixed-size row, and closed windows are deleted', async (t) => {
  const { app, database } = await buildApp(t)

  // Just under the limit on bound strings (65,536 characters): longer names are a 400 before
  // any counting.
  for (let i = 0; i < 20; i++) await signInAs(app, `${i}${'x'.repeat(60_000)}`, 'wrong')
  const tooLong = await signInAs(app, 'x'.repeat(100_000), 'wrong')

  const keys = database.prepare("SELECT key FROM login_attempts WHERE key LIKE 'user:%'").all() as Array<{ key: string }>
  t.equal(keys.length, 20)
  t.ok(keys.every((k) => k.key.length === 'user:'.length + 64))
  t.equal(tooLong.statusCode, 400)

  const store = new SqliteAuthStore(database)
  const old = new Date(Date.now() - 3_600_000)
  for (let i = 0; i < 5; i++) store.recordLoginAttempt(`stale:${i}`, old, 1000)
  store.recordLoginAttempt('fresh', new Date(), 1000)
  const left = database.prepare("SELECT count(*) AS n FROM login_attempts WHERE key LIKE 'stale:%'").get() as { n: number }
  t.equal(left.n, 0, 'closed windows were purged')
})

t.test('wrong passwords sent all at once are all counted', async (t) => {
  const { app } = await buildApp(t)

  const answers = await Promise.all(Array.from({ length: 30 }, () => signInAs(app, 'alice', 'wrong')))
  const right = await signInAs(app, 'alice', users.alice.password)

  t.equal(answers.filter((a) => a.statusCode === 401).length, 10)
  t.equal(answers.filter((a) => a.statusCode === 429).length, 20)
  t.equal(right.statusCode, 429)
})

t.test('look-alike user names are the same name', async (t) => {
  const { app } = await buildApp(t, { auth: { registration: true } })
  const register = (userName: string) =>
    app.inject({ method: 'POST', url: '/register', payload: { userName, password: 'some-password' } })

  const kate = await register('kate')
  const kelvin = await register('\u212Aate')
  const fullWidth = await register('ａｌｉｃｅ')
  const signInWide = await signInAs(app, 'ａｌｉｃｅ', users.alice.password)

  t.equal(kate.statusCode, 201)
  t.equal(kelvin.statusCode, 409, 'a Kelvin sign is a K')
  t.equal(fullWidth.statusCode, 409)
  t.equal(signInWide.statusCode, 200, 'full-width letters sign in as the same user')
})

t.test('registration is throttled per address, checks names first and caps text', async (t) => {
  const { app } = await buildApp(t, { auth: { registration: true } })
  const register = (payload: object) => app.inject({ method: 'POST', url: '/register', payload })

  const long = await register({ userName: 'longname', password: 'some-password', displayName: 'x'.repeat(10_000) })
  const statuses: number[] = []
  for (let i = 0; i < 25; i++) statuses.push((await register({ userName: 'alice', password: 'some-password' })).statusCode)

  t.equal(long.statusCode, 400)
  t.match(long.json().responseStatus.errors, [{ fieldName: 'DisplayName', errorCode: 'MaximumLength' }])
  t.same(statuses.slice(0, 19), Array(19).fill(409))
  t.same(statuses.slice(19), Array(6).fill(429))
})

t.test('signing out, in or up is refused from another site and through a GET', async (t) => {
  const built = await buildApp(t, { auth: { registration: true } })
  const session = await signIn(built, users.alice)

  const getOut = await built.app.inject({ url: '/auth/logout', headers: { cookie: session.cookie } })
  const stillIn = await built.app.inject({ url: '/auth', headers: { cookie: session.cookie } })
  const crossIn = await signInAs(built.app, 'bob', users.bob.password, { origin: 'https://evil.example' })
  const crossUp = await built.app.inject({ method: 'POST', url: '/register', headers: { origin: 'https://evil.example' }, payload: { userName: 'mallory', password: 'mallory-pw' } })
  const otherScheme = await built.app.inject({
    method: 'POST',
    url: '/app/tokens',
    headers: { cookie: session.cookie, origin: 'https://localhost:80', host: 'localhost:80' },
    payload: { deviceType: 'Web', token: 'scheme' },
  })
  const passwordInUrl = await built.app.inject({ method: 'POST', url: `/auth/credentials?password=${users.bob.password}`, payload: { userName: 'bob' } })

  t.equal(getOut.statusCode, 405)
  t.equal(stillIn.statusCode, 200)
  t.equal(crossIn.statusCode, 403)
  t.equal(crossUp.statusCode, 403)
  t.equal(otherScheme.statusCode, 403, 'an https page is another origin than this http server')
  t.equal(passwordInUrl.statusCode, 400)
})

class Done {
  @Prop() ok?: boolean
}

@Route('/billing')
@RequiredPermission('Billing')
@Returns(() => Done)
class Billing {}

@Route('/change')
@RequiredRole('User')
@Returns(() => Done)
class ChangeAnything {}

class Services {
  @Handles() getBilling(_r: Billing): Done { return { ok: true } }
  @Handles() any(_r: ChangeAnything): Done { return { ok: true } }
}

t.test('a key limited to roles carries no permissions; a GET an any-handler answers is checked for its site', async (t) => {
  const database = openDatabase(':memory:')
  t.teardown(() => database.close())
  await seedUsers(database, [{ userName: 'payer', password: 'payer-password', roles: ['User'], permissions: ['Billing'] }])
  const app = await fixtureApp(t, { modules: [{ Billing, ChangeAnything, Done, Services }], database })
  const built = { app, database, login: (u: typeof users.alice) => login(app, u) }
  const full = apiKeyOf(built, { userName: 'payer', password: '', roles: [] })
  const limited = apiKeyOf(built, { userName: 'payer', password: '', roles: [] }, { roles: ['User'] })
  const cookie = await login(app, { userName: 'payer', password: 'payer-password', roles: [] })

  const withFull = await app.inject({ url: '/billing', headers: { authorization: `Bearer ${full}` } })
  const withLimited = await app.inject({ url: '/billing', headers: { authorization: `Bearer ${limited}` } })
  const crossGet = await app.inject({ url: '/change', headers: { cookie, 'sec-fetch-site': 'cross-site' } })
  const sameGet = await app.inject({ url: '/change', headers: { cookie } })

  t.equal(withFull.statusCode, 200)
  t.equal(withLimited.statusCode, 403)
  t.equal(crossGet.statusCode, 403)
  t.equal(sameGet.statusCode, 200)
})
