/**
 * Access rules declared on a service class or method, not only on the DTO, hold on every
 * way the operation can be reached.
 */
import t from 'tap'
import {
  Handles,
  Prop,
  RequiredRole,
  Authenticate,
  Returns,
  Route,
  type RequestContext,
} from '../../src/index'
import { openDatabase } from '../../src/store/database'
import { login, seedUsers, users } from '../helpers/build-app'
import { fixtureApp } from '../helpers/fixture-app'

class SecretThing {
  @Prop() value?: string
}

@Route('/admin/secret', 'GET')
@Returns(() => SecretThing)
class GetSecretThing {}

@Route('/me/notes', 'POST')
@Returns(() => SecretThing)
class AddNote {
  @Prop() text?: string
}

@RequiredRole('Admin')
class SecretServices {
  @Handles()
  get(_request: GetSecretThing): SecretThing {
    return { value: 'the secret' }
  }
}

class NoteServices {
  @Handles()
  @Authenticate()
  post(request: AddNote, ctx: RequestContext): SecretThing {
    return { value: `${ctx.user!.userName}: ${request.text}` }
  }
}

const shapes = [
  '/admin/secret',
  '/admin/secret.json',
  '/admin/secret?format=json',
  '/ADMIN/SECRET/',
  '/api/GetSecretThing',
  '/api/GetSecretThing.json',
  '/api/getsecretthing',
  '/json/reply/GetSecretThing',
  '/json/oneway/GetSecretThing',
]

t.test('a role required on the service class is enforced on every route shape', async (t) => {
  const database = openDatabase(':memory:')
  t.teardown(() => database.close())
  await seedUsers(database)
  const app = await fixtureApp(t, { modules: [{ GetSecretThing, SecretThing, SecretServices }], database })
  const user = await login(app, users.alice)
  const admin = await login(app, users.root)

  for (const url of shapes) {
    const anonymous = await app.inject({ url })
    const plain = await app.inject({ url, headers: { cookie: user } })
    const allowed = await app.inject({ url, headers: { cookie: admin } })

    t.equal(anonymous.statusCode, 401, `anonymous ${url}`)
    t.match(anonymous.json(), { responseStatus: { errorCode: 'Unauthorized' } })
    t.equal(plain.statusCode, 403, `user ${url}`)
    t.notMatch(plain.body, /the secret/)
    t.equal(allowed.statusCode, 200, `admin ${url}`)
    t.same(allowed.json(), { value: 'the secret' })
  }
  t.same(app.dtostack.registry.operation('GetSecretThing')!.auth.roles, ['Admin'], 'the model shows the rule')
})

t.test('a rule on a handler method holds on its route and the pre-defined ones', async (t) => {
  const database = openDatabase(':memory:')
  t.teardown(() => database.close())
  await seedUsers(database)
  const app = await fixtureApp(t, { modules: [{ AddNote, SecretThing, NoteServices }], database })
  const cookie = await login(app, users.nora)

  for (const url of ['/me/notes', '/api/AddNote', '/json/reply/AddNote']) {
    const anonymous = await app.inject({ method: 'POST', url, payload: { text: 'x' } })
    const signedIn = await app.inject({ method: 'POST', url, headers: { cookie }, payload: { text: 'x' } })

    t.equal(anonymous.statusCode, 401, url)
    t.equal(signedIn.statusCode, 200, url)
    t.same(signedIn.json(), { value: 'nora: x' })
  }
})

t.test('a forged or unknown session id is anonymous', async (t) => {
  const database = openDatabase(':memory:')
  t.teardown(() => database.close())
  await seedUsers(database)
  const app = await fixtureApp(t, { modules: [{ AddNote, SecretThing, NoteServices }], database })

  for (const headers of [
    { cookie: 'ss-id=AAAAAAAAAAAAAAAAAAAA' },
    { cookie: 'ss-opt=perm; ss-pid=forged' },
    { 'x-ss-id': 'forged' },
    { authorization: 'Bearer forged' },
    { authorization: `Bearer ${'x'.repeat(10_000)}` },
  ]) {
    const res = await app.inject({ method: 'POST', url: '/me/notes', headers, payload: { text: 'x' } })
    t.equal(res.statusCode, 401, JSON.stringify(headers).slice(0, 60))
  }
})
