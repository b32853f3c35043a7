/**
 * The sample API through ServiceStack's own TypeScript client, with request classes
 * written the way generated DTOs look.
 */
import { JsonApiClient, JsonServiceClient, type IReturn, type IReturnVoid } from '@servicestack/client'
import t from 'tap'
import { listenApp, users } from '../helpers/build-app'

class DeviceTokenInfo {
  public deviceType?: string
  public token?: string
  public constructor(init?: Partial<DeviceTokenInfo>) { Object.assign(this, init) }
}

class NewDeviceToken implements IReturn<DeviceTokenInfo> {
  public deviceType?: string
  public token?: string
  public constructor(init?: Partial<NewDeviceToken>) { Object.assign(this, init) }
  public getTypeName() { return 'NewDeviceToken' }
  public getMethod() { return 'POST' }
  public createResponse() { return new DeviceTokenInfo() }
}

class DeviceTokenEntry {
  public deviceType?: string
  public token?: string
  public dateCreated?: string
}

class ListDeviceTokensResponse {
  public items?: DeviceTokenEntry[]
  public totalCount?: number
  public totalPages?: number
  public hasMorePages?: boolean
}

class ListDeviceTokens implements IReturn<ListDeviceTokensResponse> {
  public page?: number
  public countPerPage?: number
  public deviceType?: string
  public constructor(init?: Partial<ListDeviceTokens>) { Object.assign(this, init) }
  public getTypeName() { return 'ListDeviceTokens' }
  public getMethod() { return 'GET' }
  public createResponse() { return new ListDeviceTokensResponse() }
}

class DeleteDeviceToken implements IReturnVoid {
  public token?: string
  public constructor(init?: Partial<DeleteDeviceToken>) { Object.assign(this, init) }
  public getTypeName() { return 'DeleteDeviceToken' }
  public getMethod() { return 'DELETE' }
  public createResponse() {}
}

class AuthenticateResponse {
  public userId?: string
  public sessionId?: string
  public userName?: string
  public bearerToken?: string
}

class Authenticate implements IReturn<AuthenticateResponse> {
  public provider?: string
  public userName?: string
  public password?: string
  public rememberMe?: boolean
  public constructor(init?: Partial<Authenticate>) { Object.assign(this, init) }
  public getTypeName() { return 'Authenticate' }
  public getMethod() { return 'POST' }
  public createResponse() { return new AuthenticateResponse() }
}

const signIn = (user: { userName: string; password: string }) =>
  new Authenticate({ provider: 'credentials', userName: user.userName, password: user.password })

t.test('JsonServiceClient signs in by cookie and calls every operation', async (t) => {
  const { baseUrl } = await listenApp(t)
  const client = new JsonServiceClient(baseUrl)

  const auth = await client.post(signIn(users.alice))
  const created = await client.post(new NewDeviceToken({ deviceType: 'Web', token: 'abc' }))
  const sent = await client.send(new NewDeviceToken({ deviceType: 'iOS', token: 'def' }))
  const list = await client.get(new ListDeviceTokens({ countPerPage: 10 }))
  const deleted = await client.delete(new DeleteDeviceToken({ token: 'abc' }))
  const after = await client.send(new ListDeviceTokens())

  t.equal(auth.userName, 'alice')
  t.type(auth.sessionId, 'string')
  t.same(created, { deviceType: 'Web', token: 'abc' })
  t.same(sent, { deviceType: 'iOS', token: 'def' })
  t.same(list.items!.map((i) => i.token), ['def', 'abc'])
  t.equal(list.totalCount, 2)
  t.ok(list.items!.every((i) => !Number.isNaN(Date.parse(i.dateCreated!))), 'dates parse')
  t.equal(deleted, undefined)
  t.same(after.items!.map((i) => i.token), ['def'])
})

t.test('JsonServiceClient signs in at /auth/credentials and keeps the session cookie', async (t) => {
  const { baseUrl } = await listenApp(t)
  const client = new JsonServiceClient(baseUrl)

  const auth = await client.postToUrl('/auth/credentials', signIn(users.bob))
  const created = await client.post(new NewDeviceToken({ deviceType: 'Web', token: 'cookie-kept' }))

  t.equal(auth.userName, 'bob')
  t.ok(client.cookies['ss-id'], 'the client holds the session cookie')
  t.same(created, { deviceType: 'Web', token: 'cookie-kept' })
})

t.test('JsonServiceClient without a login gets the 401 ResponseStatus thrown', async (t) => {
  const { baseUrl } = await listenApp(t)
  const client = new JsonServiceClient(baseUrl)

  const error = await client.post(new NewDeviceToken({ deviceType: 'Web', token: 'x' })).catch((e: unknown) => e)

  t.match(error, { responseStatus: { errorCode: 'Unauthorized', message: 'Not Authenticated' } })
})

t.test('JsonServiceClient sees field errors of a refused request', async (t) => {
  const { baseUrl } = await listenApp(t)
  const client = new JsonServiceClient(baseUrl)
  await client.post(signIn(users.alice))

  const badType = await client.post(new NewDeviceToken({ deviceType: 'Desktop', token: 'x' })).catch((e: unknown) => e)
  const noToken = await client.post(new NewDeviceToken({ deviceType: 'Web' })).catch((e: unknown) => e)

  t.match(badType, { responseStatus: { errors: [{ fieldName: 'DeviceType', errorCode: 'Enum' }] } })
  t.match(noToken, { responseStatus: { errorCode: 'NotEmpty', errors: [{ fieldName: 'Token' }] } })
})

t.test('JsonServiceClient with a wrong password gets 401 Invalid Username or Password', async (t) => {
  const { baseUrl } = await listenApp(t)
  const client = new JsonServiceClient(baseUrl)

  const error = await client.post(signIn({ userName: 'alice', password: 'wrong' })).catch((e: unknown) => e)

  t.match(error, { responseStatus: { errorCode: 'Unauthorized', message: 'Invalid Username or Password' } })
})

t.test('JsonServiceClient works with the bearer token of a login', async (t) => {
  const { baseUrl } = await listenApp(t)
  const auth = await new JsonServiceClient(baseUrl).post(signIn(users.bob))
  const client = new JsonServiceClient(baseUrl)
  client.bearerToken = auth.bearerToken!

  const created = await client.post(new NewDeviceToken({ deviceType: 'Android', token: 'bearer' }))

  t.same(created, { deviceType: 'Android', token: 'bearer' })
})

t.test('JsonServiceClient on the /json/reply routes', async (t) => {
  const { baseUrl } = await listenApp(t)
  const client = new JsonServiceClient(baseUrl)
  client.useBasePath(null as unknown as string)

  await client.post(signIn(users.alice))
  const created = await client.post(new NewDeviceToken({ deviceType: 'Web', token: 'legacy' }))

  t.same(created, { deviceType: 'Web', token: 'legacy' })
})

t.test('JsonApiClient sends JSON as text/plain and still works, logins included', async (t) => {
  const { app, baseUrl } = await listenApp(t)
  const contentTypes: Array<string | undefined> = []
  app.server.on('request', (req) => {
    if (req.method === 'POST') contentTypes.push(req.headers['content-type'])
  })
  const client = JsonApiClient.create(baseUrl)

  const auth = await client.api(signIn(users.alice))
  const created = await client.api(new NewDeviceToken({ deviceType: 'iOS', token: 'api' }))
  const refused = await client.api(new NewDeviceToken({ deviceType: 'Desktop', token: 'api' }))
  const list = await client.api(new ListDeviceTokens())

  t.ok(auth.succeeded, 'signed in')
  t.same(created.response, { deviceType: 'iOS', token: 'api' })
  t.ok(refused.failed)
  t.equal(refused.fieldError('DeviceType')?.errorCode, 'Enum')
  t.same(list.response!.items!.map((i) => i.token), ['api'])
  t.ok(contentTypes.length >= 3 && contentTypes.every((c) => c?.startsWith('text/plain')), 'bodies arrived as text/plain')
})
