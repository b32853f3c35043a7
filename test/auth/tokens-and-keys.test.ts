/** Every way to sign in, and every way the door closes again. */
import { JsonServiceClient, type IReturn } from '@servicestack/client'
import t from 'tap'
import { join } from 'node:path'
import { createApp } from '../../src/app/create-app'
import { hashPassword } from '../../src/auth/passwords'
import { SqliteAuthStore } from '../../src/store/auth-store'
import { openDatabase } from '../../src/store/database'
import { buildApp, listenApp, seedUsers, users, type BuiltApp } from '../helpers/build-app'
import { apiKeyOf, expiredToken, jwtSecret, signIn } from '../helpers/identities'

const create = (built: BuiltApp, headers: Record<string, string>, tok: string) =>
  built.app.inject({ method: 'POST', url: '/app/tokens', headers, payload: { deviceType: 'Web', token: tok } })

t.test('cookie, bearer token, refreshed token and API key each reach NewDeviceToken', async (t) => {
  const built = await buildApp(t)
  const login = await signIn(built, users.alice)
  const refreshed = await built.app.inject({ method: 'POST', url: '/access-token', payload: { refreshToken: login.refreshToken } })
  const viaApi = await built.app.inject({ method: 'POST', url: '/api/GetAccessToken', payload: { refreshToken: login.refreshToken } })

  const byCookie = await create(built, { cookie: login.cookie }, 'c')
  const byBearer = await create(built, { authorization: `Bearer ${login.bearerToken}` }, 'b')
  const byRefreshed = await create(built, { authorization: `Bearer ${refreshed.json().accessToken}` }, 'r')
  const byKey = await create(built, { authorization: `Bearer ${apiKeyOf(built, users.alice)}` }, 'k')

  t.equal(refreshed.statusCode, 200)
  t.match(refreshed.json(), { accessToken: /^[\w-]+\.[\w-]+\.[\w-]+$/ })
  t.equal(viaApi.statusCode, 200)
  for (const res of [byCookie, byBearer, byRefreshed, byKey]) t.equal(res.statusCode, 200)
})

t.test('signing out shuts the cookie, the bearer token and the refresh token out', async (t) => {
  const built = await buildApp(t)
  const login = await signIn(built, users.alice)

  const out = await built.app.inject({ method: 'POST', url: '/auth/logout', headers: { cookie: login.cookie } })
  const cookie = await create(built, { cookie: login.cookie }, 'x')
  const bearer = await create(built, { authorization: `Bearer ${login.bearerToken}` }, 'y')
  const refresh = await built.app.inject({ method: 'POST', url: '/access-token', payload: { refreshToken: login.refreshToken } })

  t.equal(out.statusCode, 200)
  t.equal(cookie.statusCode, 401)
  t.equal(bearer.statusCode, 401)
  t.equal(refresh.statusCode, 401)
  t.equal(refresh.json().responseStatus.message, 'Token has been invalidated')
})

t.test('an expired session shuts every credential of it out', async (t) => {
  const built = await buildApp(t)
  const login = await signIn(built, users.alice)

  built.database.prepare('UPDATE sessions SET expires_at = ?').run(new Date(Date.now() - 1000).toISOString())

  t.equal((await create(built, { cookie: login.cookie }, 'x')).statusCode, 401)
  t.equal((await create(built, { authorization: `Bearer ${login.bearerToken}` }, 'y')).statusCode, 401)
  t.equal((await built.app.inject({ method: 'POST', url: '/access-token', payload: { refreshToken: login.refreshToken } })).statusCode, 401)
})

t.test('revoking a key or changing a password shuts them out', async (t) => {
  const built = await buildApp(t)
  const login = await signIn(built, users.alice)
  const store = new SqliteAuthStore(built.database)
  const key = apiKeyOf(built, users.alice)
  const keyId = store.apiKeys.listForUser(store.findUserByName('alice')!.id).at(-1)!.id

  store.apiKeys.revoke(keyId)
  store.users.setPasswordHash('alice', await hashPassword('another-password'))

  t.equal((await create(built, { authorization: `Bearer ${key}` }, 'k')).statusCode, 401)
  t.equal((await create(built, { authorization: `Bearer ${login.bearerToken}` }, 'b')).statusCode, 401)
  t.equal((await create(built, { cookie: login.cookie }, 'c')).statusCode, 401)
})

t.test('a refresh token that is expired, tampered or of the wrong kind is refused', async (t) => {
  const built = await buildApp(t, { auth: { jwtSecret } })
  const login = await signIn(built, users.alice)

  const asAccess = await built.app.inject({ method: 'POST', url: '/access-token', payload: { refreshToken: login.bearerToken } })
  const expired = await built.app.inject({ method: 'POST', url: '/access-token', payload: { refreshToken: await expiredToken(built, login) } })
  const missing = await built.app.inject({ method: 'POST', url: '/access-token', payload: {} })

  t.equal(asAccess.statusCode, 401)
  t.equal(expired.statusCode, 401)
  t.equal(missing.statusCode, 400)
})

t.test('sliding sessions are renewed by use; absolute ones end when due', async (t) => {
  for (const sliding of [true, false]) {
    const built = await buildApp(t, { auth: { slidingSessions: sliding, sessionExpiryMs: 3_600_000 } })
    const login = await signIn(built, users.alice)
    const soon = new Date(Date.now() + 60_000)
    built.database.prepare('UPDATE sessions SET expires_at = ?').run(soon.toISOString())

    await built.app.inject({ url: '/app/tokens', headers: { cookie: login.cookie } })

    const row = built.database.prepare('SELECT expires_at FROM sessions').get() as { expires_at: string }
    const renewed = Date.parse(row.expires_at) > soon.getTime() + 30 * 60_000
    t.equal(renewed, sliding, `sliding: ${sliding}`)
  }
})

t.test('the signing key is made once and kept, so a restart keeps tokens valid', async (t) => {
  const path = join(t.testdir(), 'keys.db')
  const first = openDatabase(path)
  await seedUsers(first)
  const app1 = await createApp({ database: first })
  const login = await app1.inject({ method: 'POST', url: '/auth/credentials', payload: { userName: 'alice', password: users.alice.password } })
  await app1.close()
  first.close()

  const second = openDatabase(path)
  const app2 = await createApp({ database: second })
  t.teardown(async () => {
    await app2.close()
    second.close()
  })
  const res = await app2.inject({ url: '/app/tokens', headers: { authorization: `Bearer ${login.json().bearerToken}` } })
  const stored = second.prepare("SELECT count(*) AS n FROM auth_settings WHERE name = 'jwt-secret'").get() as { n: number }

  t.equal(res.statusCode, 200)
  t.equal(stored.n, 1)
})

t.test('failed sign-ins are throttled per user name and per address, with Retry-After', async (t) => {
  const built = await buildApp(t)
  const attempt = (userName: string, password: string, ip = '10.0.0.1') =>
    built.app.inject({ method: 'POST', url: '/auth/credentials', remoteAddress: ip, payload: { userName, password } })

  const statuses: number[] = []
  for (let i = 0; i < 20; i++) statuses.push((await attempt('alice', 'wrong')).statusCode)
  const right = await attempt('alice', users.alice.password, '10.0.0.2')
  const other = await attempt('bob', users.bob.password, '10.0.0.3')

  t.same(statuses.slice(0, 10), Array(10).fill(401))
  t.same(statuses.slice(10), Array(10).fill(429))
  t.equal(right.statusCode, 429, 'even the right password waits out the window')
  t.match(right.headers['retry-after'], /^\d+$/)
  t.ok(Number(right.headers['retry-after']) > 0 && Number(right.headers['retry-after']) <= 900)
  t.match(right.json(), { responseStatus: { errorCode: 'TooManyRequests' } })
  t.equal(other.statusCode, 200, 'other users are not affected')

  const spray: number[] = []
  for (let i = 0; i < 55; i++) spray.push((await attempt(`user${i}`, 'wrong', '10.9.9.9')).statusCode)
  t.equal(spray.filter((s) => s === 401).length, 50)
  t.equal(spray.at(-1), 429, 'one address trying many names is throttled too')
})

t.test('a state-changing request from another site may not use the session cookie', async (t) => {
  const built = await buildApp(t, { auth: { trustedOrigins: ['https://app.example'] } })
  const login = await signIn(built, users.alice)
  const host = 'localhost:80'
  const post = (headers: Record<string, string>, url = '/app/tokens', payload = '{"deviceType":"Web","token":"csrf"}') =>
    built.app.inject({ method: 'POST', url, headers: { host, ...headers }, payload })

  const form = await post(
    { cookie: login.cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
    '/app/tokens',
    'deviceType=Web&token=csrf',
  )
  const plain = await post({ cookie: login.cookie, origin: 'https://evil.example', 'content-type': 'text/plain' }, '/api/NewDeviceToken')
  const fetchSite = await post({ cookie: login.cookie, 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' })
  const nullOrigin = await post({ cookie: login.cookie, origin: 'null', 'content-type': 'application/json' })
  const bearer = await post({ authorization: `Bearer ${login.bearerToken}`, origin: 'https://evil.example', 'content-type': 'text/plain' }, '/api/NewDeviceToken')
  const sameOrigin = await post({ cookie: login.cookie, origin: `http://${host}`, 'content-type': 'application/json' })
  const trusted = await post({ cookie: login.cookie, origin: 'https://app.example', 'content-type': 'application/json' })
  const read = await built.app.inject({ url: '/app/tokens', headers: { cookie: login.cookie, origin: 'https://evil.example' } })

  for (const res of [form, plain, fetchSite, nullOrigin]) {
    t.equal(res.statusCode, 403)
    t.match(res.json().responseStatus.message, /another site/)
  }
  t.equal(bearer.statusCode, 200)
  t.equal(sameOrigin.statusCode, 200)
  t.equal(trusted.statusCode, 200)
  t.equal(read.statusCode, 200, 'reading is not refused')
  t.equal((built.database.prepare("SELECT count(*) AS n FROM device_tokens WHERE token = 'csrf'").get() as { n: number }).n, 1)
})

t.test('registration is off by default; on, it creates accounts and can sign them in', async (t) => {
  const closed = await buildApp(t)
  const open = await buildApp(t, { auth: { registration: { defaultRoles: ['User'] } } })
  const register = (payload: object) => open.app.inject({ method: 'POST', url: '/register', payload })

  const off = await closed.app.inject({ method: 'POST', url: '/register', payload: { userName: 'zoe', password: 'zoe-password' } })
  const created = await register({ userName: 'zoe', password: 'zoe-password', email: 'z@example.org' })
  const twice = await register({ userName: 'ZOE', password: 'zoe-password' })
  const weak = await register({ userName: 'yan', password: 'short', confirmPassword: 'other' })
  const auto = await register({ userName: 'xia', password: 'xia-password', autoLogin: true })
  const signedIn = await create(open, { authorization: `Bearer ${auto.json().bearerToken}` }, 'from-register')

  t.equal(off.statusCode, 404)
  t.equal(created.statusCode, 201)
  t.match(created.json(), { userName: 'zoe', roles: ['User'] })
  t.equal(created.json().bearerToken, undefined, 'no session unless asked')
  t.equal(twice.statusCode, 409)
  t.equal(weak.statusCode, 400)
  t.same(weak.json().responseStatus.errors.map((e: { fieldName: string }) => e.fieldName), ['Password', 'ConfirmPassword'])
  t.equal(auto.statusCode, 201)
  t.ok(auto.cookies.some((c) => c.name === 'ss-id'))
  t.equal(signedIn.statusCode, 200)
})

t.test('session cookies are Secure when the server says so', async (t) => {
  const built = await buildApp(t, { auth: { secureCookies: true } })

  const res = await built.app.inject({ method: 'POST', url: '/auth/credentials', payload: { userName: 'alice', password: users.alice.password, rememberMe: true } })

  t.ok(res.cookies.length === 3 && res.cookies.every((c) => c.secure && c.httpOnly && c.sameSite === 'Lax'))
})

class DeviceTokenInfo {
  public deviceType?: string
  public token?: string
}

class NewDeviceToken implements IReturn<DeviceTokenInfo> {
  public deviceType?: string
  public token?: string
  public constructor(init?: Partial<NewDeviceToken>) { Object.assign(this, init) }
  public getTypeName() { return 'NewDeviceToken' }
  public getMethod() { return 'POST' }
  public createResponse() { return new DeviceTokenInfo() }
}

t.test("ServiceStack's client refreshes an expired bearer token by itself", async (t) => {
  const built = await listenApp(t, { auth: { jwtSecret } })
  const login = await signIn(built, users.alice)
  const client = new JsonServiceClient(built.baseUrl)
  client.bearerToken = await expiredToken(built, login)
  client.refreshToken = login.refreshToken

  const created = await client.post(new NewDeviceToken({ deviceType: 'iOS', token: 'refreshed' }))

  t.same(created, { deviceType: 'iOS', token: 'refreshed' })
  t.not(client.bearerToken, undefined)
})
