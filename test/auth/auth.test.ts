/** Signing in and out, sessions, and the role and permission rules. */
import t from 'tap'
import {
  Handles,
  Prop,
  RequiredPermission,
  RequiresAnyPermission,
  RequiresAnyRole,
  Returns,
  Route,
} from '../../src/index'
import { hashPassword } from '../../src/auth/passwords'
import { SqliteAuthStore } from '../../src/store/auth-store'
import { openDatabase } from '../../src/store/database'
import { buildApp, cookieHeader, login, seedUsers, users, type SeedUser } from '../helpers/build-app'
import { fixtureApp } from '../helpers/fixture-app'

t.test('signing in answers an AuthenticateResponse and session cookies', async (t) => {
  const { app } = await buildApp(t)

  const temp = await app.inject({
    method: 'POST',
    url: '/auth/credentials',
    payload: { userName: 'ALICE', password: users.alice.password },
  })
  const perm = await app.inject({
    method: 'POST',
    url: '/api/Authenticate',
    payload: { provider: 'credentials', userName: 'alice', password: users.alice.password, rememberMe: true },
  })

  t.equal(temp.statusCode, 200)
  t.match(temp.json(), { userId: '1', userName: 'alice', sessionId: /^[A-Za-z0-9_-]{20}$/, roles: ['User'] })
  t.match(temp.json(), { bearerToken: /^[\w-]+\.[\w-]+\.[\w-]+$/, refreshToken: /^[\w-]+\.[\w-]+\.[\w-]+$/ })
  const cookies = Object.fromEntries(temp.cookies.map((c) => [c.name, c]))
  t.same(Object.keys(cookies).sort(), ['ss-id', 'ss-opt'])
  t.equal(cookies['ss-id']!.value, temp.json().sessionId)
  t.equal(cookies['ss-id']!.httpOnly, true)
  t.equal(cookies['ss-id']!.sameSite, 'Lax')
  t.equal(cookies['ss-opt']!.value, 'temp')
  const permanent = Object.fromEntries(perm.cookies.map((c) => [c.name, c]))
  t.equal(permanent['ss-pid']!.value, perm.json().sessionId)
  t.equal(permanent['ss-opt']!.value, 'perm')
  t.ok(permanent['ss-pid']!.maxAge! > 86_400)
})

t.test('a wrong password and an unknown user answer alike', async (t) => {
  const { app } = await buildApp(t)

  const wrong = await app.inject({ method: 'POST', url: '/auth/credentials', payload: { userName: 'alice', password: 'nope' } })
  const unknown = await app.inject({ method: 'POST', url: '/auth/credentials', payload: { userName: 'zed', password: 'nope' } })

  t.equal(wrong.statusCode, 401)
  t.equal(wrong.body, unknown.body)
  t.same(wrong.json(), { responseStatus: { errorCode: 'Unauthorized', message: 'Invalid Username or Password', errors: [] } })
  t.same(wrong.cookies, [])
})

t.test('signing in without a user name or password names the missing fields', async (t) => {
  const { app } = await buildApp(t)

  const res = await app.inject({ method: 'POST', url: '/auth/credentials', payload: {} })

  t.equal(res.statusCode, 400)
  t.same(res.json().responseStatus.errors.map((e: { fieldName: string }) => e.fieldName), ['UserName', 'Password'])
})

t.test('GET /auth answers the current session, or 401', async (t) => {
  const { app, login } = await buildApp(t)
  const cookie = await login(users.bob)

  const anonymous = await app.inject({ url: '/auth' })
  const signedIn = await app.inject({ url: '/auth', headers: { cookie } })
  const byHeader = await app.inject({ url: '/auth', headers: { 'x-ss-id': signedIn.json().sessionId } })

  t.equal(anonymous.statusCode, 401)
  t.match(anonymous.json(), { responseStatus: { message: 'Not Authenticated' } })
  t.equal(signedIn.statusCode, 200)
  t.match(signedIn.json(), { userName: 'bob', userId: '2' })
  t.equal(byHeader.statusCode, 200)
})

t.test('a password in a URL is refused; an unknown provider is a 404', async (t) => {
  const { app } = await buildApp(t)

  const viaGet = await app.inject({ url: '/auth/credentials?userName=alice&password=alice-password' })
  const unknown = await app.inject({ method: 'POST', url: '/auth/twitter', payload: {} })

  t.equal(viaGet.statusCode, 405)
  t.equal(viaGet.headers.allow, 'POST')
  t.equal(unknown.statusCode, 404)
  t.match(unknown.json(), { responseStatus: { errorCode: 'NotFound', message: /'twitter'/ } })
})

t.test('signing in again gives a new session id and ends the old one', async (t) => {
  const { app } = await buildApp(t)
  const first = await login(app, users.alice)

  const again = await app.inject({
    method: 'POST',
    url: '/auth/credentials',
    headers: { cookie: first },
    payload: { userName: 'alice', password: users.alice.password },
  })
  const old = await app.inject({ url: '/auth', headers: { cookie: first } })
  const fresh = await app.inject({ url: '/auth', headers: { cookie: cookieHeader(again) } })

  t.not(cookieHeader(again), first)
  t.equal(old.statusCode, 401)
  t.equal(fresh.statusCode, 200)
})

t.test('a session id in the body or query string does not sign anyone in', async (t) => {
  const { app, login } = await buildApp(t)
  const cookie = await login(users.alice)
  const id = /ss-id=([^;]+)/.exec(cookie)![1]

  const query = await app.inject({ url: `/app/tokens?ss-id=${id}&sessionId=${id}` })
  const body = await app.inject({ method: 'POST', url: '/api/NewDeviceToken', payload: { 'ss-id': id, deviceType: 'Web', token: 'x' } })

  t.equal(query.statusCode, 401)
  t.equal(body.statusCode, 401)
})

@Route('/any-role')
@RequiresAnyRole('Manager', 'Editor')
@Returns(() => Done)
class AnyRole {}

@Route('/permission')
@RequiredPermission('tokens:write', 'tokens:read')
@Returns(() => Done)
class AllPermissions {}

@Route('/any-permission')
@RequiresAnyPermission('reports:read', 'reports:admin')
@Returns(() => Done)
class AnyPermission {}

class Done {
  @Prop() ok?: boolean
}

class RuleServices {
  @Handles() getAnyRole(_r: AnyRole): Done { return { ok: true } }
  @Handles() getPermission(_r: AllPermissions): Done { return { ok: true } }
  @Handles() getAnyPermission(_r: AnyPermission): Done { return { ok: true } }
}

t.test('any-of roles, all-of and any-of permissions, and Admin passing them all', async (t) => {
  const database = openDatabase(':memory:')
  t.teardown(() => database.close())
  const people: Record<string, SeedUser> = {
    editor: { userName: 'editor', password: 'editor-password', roles: ['Editor'] },
    writer: { userName: 'writer', password: 'writer-password', roles: [], permissions: ['tokens:write'] },
    both: { userName: 'both', password: 'both-password', roles: [], permissions: ['tokens:write', 'tokens:read', 'reports:read'] },
    admin: { userName: 'admin', password: 'admin-password', roles: ['Admin'] },
  }
  await seedUsers(database, Object.values(people))
  const app = await fixtureApp(t, { modules: [{ AnyRole, AllPermissions, AnyPermission, Done, RuleServices }], database })
  const expected: Record<string, Record<string, number>> = {
    editor: { '/any-role': 200, '/permission': 403, '/any-permission': 403 },
    writer: { '/any-role': 403, '/permission': 403, '/any-permission': 403 },
    both: { '/any-role': 403, '/permission': 200, '/any-permission': 200 },
    admin: { '/any-role': 200, '/permission': 200, '/any-permission': 200 },
  }

  for (const [name, person] of Object.entries(people)) {
    const cookie = await login(app, person)
    for (const [url, status] of Object.entries(expected[name]!)) {
      const res = await app.inject({ url, headers: { cookie } })
      t.equal(res.statusCode, status, `${name} ${url}`)
      if (status === 403) t.match(res.json(), { responseStatus: { errorCode: 'Forbidden', message: /Invalid (Role|Permission)/ } })
    }
  }
})

t.test('changing a password ends every session of the account', async (t) => {
  const { app, database, login } = await buildApp(t)
  const cookie = await login(users.alice)
  const store = new SqliteAuthStore(database)

  const before = await app.inject({ url: '/auth', headers: { cookie } })
  store.users.setPasswordHash('alice', await hashPassword('a-new-password'))
  const after = await app.inject({ url: '/auth', headers: { cookie } })

  t.equal(before.statusCode, 200)
  t.equal(after.statusCode, 401)
})

t.test('every 401 carries the WWW-Authenticate challenge', async (t) => {
  const { app } = await buildApp(t)

  const current = await app.inject({ method: 'POST', url: '/auth', payload: {} })
  const wrong = await app.inject({ method: 'POST', url: '/auth/credentials', payload: { userName: 'alice', password: 'x' } })
  const batch = await app.inject({ method: 'POST', url: '/api/NewDeviceToken[]', payload: [] })

  for (const res of [current, wrong, batch]) {
    t.equal(res.statusCode, 401)
    t.equal(res.headers['www-authenticate'], 'credentials realm="/auth/credentials"')
  }
})

t.test('a quoted session cookie is read as its value', async (t) => {
  const { app, login } = await buildApp(t)
  const id = /ss-id=([^;]+)/.exec(await login(users.alice))![1]

  const res = await app.inject({ url: '/auth', headers: { cookie: `ss-id="${id}"` } })

  t.equal(res.statusCode, 200)
})
