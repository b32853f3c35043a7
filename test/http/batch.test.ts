/** Auto-batched requests: many requests in one, each through the whole pipeline. */
import { JsonServiceClient, type IReturn } from '@servicestack/client'
import t from 'tap'
import { buildApp, listenApp, users, type BuiltApp } from '../helpers/build-app'

const rows = (built: BuiltApp) => (built.database.prepare('SELECT count(*) AS n FROM device_tokens').get() as { n: number }).n

t.test('a batch runs each request in order and answers every response', async (t) => {
  const built = await buildApp(t)
  const cookie = await built.login(users.alice)

  const res = await built.app.inject({
    method: 'POST',
    url: '/api/NewDeviceToken[]',
    headers: { cookie },
    payload: [
      { deviceType: 'Web', token: 'b1' },
      { deviceType: 'iOS', token: 'b2' },
      { deviceType: 'Android', token: 'b3' },
    ],
  })

  t.equal(res.statusCode, 200)
  t.equal(res.headers['x-autobatch-completed'], '3')
  t.same(res.json(), [
    { deviceType: 'Web', token: 'b1' },
    { deviceType: 'iOS', token: 'b2' },
    { deviceType: 'Android', token: 'b3' },
  ])
  t.equal(rows(built), 3)
})

t.test('the first failure stops the batch and says how far it got', async (t) => {
  const built = await buildApp(t)
  const cookie = await built.login(users.alice)

  const res = await built.app.inject({
    method: 'POST',
    url: '/json/reply/NewDeviceToken[]',
    headers: { cookie },
    payload: [
      { deviceType: 'Web', token: 'first' },
      { deviceType: 'Desktop', token: 'second' },
      { deviceType: 'Web', token: 'third' },
    ],
  })

  t.equal(res.statusCode, 400)
  t.equal(res.headers['x-autobatch-completed'], '1')
  t.match(res.json().responseStatus, {
    errorCode: 'SerializationException',
    errors: [{ fieldName: 'DeviceType' }],
    meta: { AutoBatchIndex: '1' },
  })
  t.equal(rows(built), 1, 'the third request never ran')
})

t.test('an empty batch answers an empty list; a body that is no list is a 400', async (t) => {
  const built = await buildApp(t)
  const cookie = await built.login(users.alice)

  const empty = await built.app.inject({ method: 'POST', url: '/api/NewDeviceToken[]', headers: { cookie }, payload: [] })
  const single = await built.app.inject({ method: 'POST', url: '/api/NewDeviceToken[]', headers: { cookie }, payload: { token: 'x' } })

  t.equal(empty.statusCode, 200)
  t.equal(empty.body, '[]')
  t.equal(empty.headers['x-autobatch-completed'], '0')
  t.equal(single.statusCode, 400)
})

t.test('a batch over the limit is refused before anything runs', async (t) => {
  const built = await buildApp(t)
  const cookie = await built.login(users.alice)
  const payload = Array.from({ length: 101 }, (_, i) => ({ deviceType: 'Web', token: `t${i}` }))

  const res = await built.app.inject({ method: 'POST', url: '/api/NewDeviceToken[]', headers: { cookie }, payload })

  t.equal(res.statusCode, 400)
  t.match(res.json().responseStatus.message, /at most 100 requests/)
  t.equal(rows(built), 0)
})

t.test('a batch of a void operation answers 204', async (t) => {
  const built = await buildApp(t)
  const cookie = await built.login(users.alice)
  await built.app.inject({ method: 'POST', url: '/api/NewDeviceToken[]', headers: { cookie }, payload: [{ deviceType: 'Web', token: 'a' }, { deviceType: 'Web', token: 'b' }] })

  const res = await built.app.inject({ method: 'POST', url: '/api/DeleteDeviceToken[]', headers: { cookie }, payload: [{ token: 'a' }, { token: 'b' }] })

  t.equal(res.statusCode, 405, 'DeleteDeviceToken answers DELETE only')
  t.equal(res.headers.allow, 'DELETE')
  const deleted = await built.app.inject({ method: 'DELETE', url: '/api/DeleteDeviceToken[]', headers: { cookie, 'content-type': 'application/json' }, payload: '[{"token":"a"},{"token":"b"}]' })
  t.equal(deleted.statusCode, 204)
  t.equal(deleted.headers['x-autobatch-completed'], '2')
  t.equal(rows(built), 0)
})

t.test('a batch in XML reads ArrayOf the request and answers ArrayOf the response', async (t) => {
  const built = await buildApp(t)
  const cookie = await built.login(users.alice)
  const ns = 'http://schemas.datacontract.org/2004/07/Voice.Api.App'

  const res = await built.app.inject({
    method: 'POST',
    url: '/xml/reply/NewDeviceToken[]',
    headers: { cookie },
    payload: `<ArrayOfNewDeviceToken xmlns="${ns}"><NewDeviceToken><DeviceType>Web</DeviceType><Token>x1</Token></NewDeviceToken><NewDeviceToken><Token>x2</Token><DeviceType>iOS</DeviceType></NewDeviceToken></ArrayOfNewDeviceToken>`,
  })

  t.equal(res.statusCode, 200)
  t.equal(
    res.body,
    `<?xml version="1.0" encoding="utf-8"?><ArrayOfDeviceTokenInfo xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="${ns}">` +
      '<DeviceTokenInfo><DeviceType>Web</DeviceType><Token>x1</Token></DeviceTokenInfo>' +
      '<DeviceTokenInfo><DeviceType>iOS</DeviceType><Token>x2</Token></DeviceTokenInfo></ArrayOfDeviceTokenInfo>',
  )
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

class Authenticate implements IReturn<object> {
  public provider = 'credentials'
  public userName?: string
  public password?: string
  public constructor(init?: Partial<Authenticate>) { Object.assign(this, init) }
  public getTypeName() { return 'Authenticate' }
  public getMethod() { return 'POST' }
  public createResponse() { return {} }
}

t.test("ServiceStack's client sendAll posts a batch and gets typed responses back", async (t) => {
  const built = await listenApp(t)
  const client = new JsonServiceClient(built.baseUrl)
  await client.post(new Authenticate({ userName: users.alice.userName, password: users.alice.password }))

  const responses = await client.sendAll([
    new NewDeviceToken({ deviceType: 'Web', token: 's1' }),
    new NewDeviceToken({ deviceType: 'Android', token: 's2' }),
  ])
  await client.sendAllOneWay([new NewDeviceToken({ deviceType: 'iOS', token: 's3' })])
  const failure = await client.sendAll([new NewDeviceToken({ deviceType: 'Web' })]).catch((e: unknown) => e)

  t.same(responses, [{ deviceType: 'Web', token: 's1' }, { deviceType: 'Android', token: 's2' }])
  t.equal(rows(built), 3)
  t.match(failure, { responseStatus: { errorCode: 'NotEmpty', meta: { AutoBatchIndex: '0' } } })
})
