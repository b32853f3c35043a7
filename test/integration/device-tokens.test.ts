import t from 'tap'
import { buildApp, users, type BuiltApp } from '../helpers/build-app'

const shapes = [
  { name: 'its own route', url: '/app/tokens' },
  { name: '/api/NewDeviceToken', url: '/api/NewDeviceToken' },
  { name: '/json/reply/NewDeviceToken', url: '/json/reply/NewDeviceToken' },
]

function countTokens(built: BuiltApp, token: string): number {
  return (built.database.prepare('SELECT count(*) AS n FROM device_tokens WHERE token = ?').get(token) as { n: number }).n
}

for (const shape of shapes) {
  t.test(`NewDeviceToken through ${shape.name}`, async (t) => {
    const built = await buildApp(t)
    const { app } = built
    const alice = await built.login(users.alice)
    const post = (payload: unknown, cookie?: string, headers: Record<string, string> = {}) =>
      app.inject({
        method: 'POST',
        url: shape.url,
        headers: { ...(cookie ? { cookie } : {}), ...headers },
        payload: payload as string,
      })

    t.test('a User creates a token and gets it back', async (t) => {
      const res = await post({ deviceType: 'Web', token: 'abc' }, alice)

      t.equal(res.statusCode, 200)
      t.equal(res.headers['content-type'], 'application/json; charset=utf-8')
      t.equal(res.body, '{"deviceType":"Web","token":"abc"}')
      t.equal(countTokens(built, 'abc'), 1)
    })

    t.test('the same token again answers the same and stays one row', async (t) => {
      const res = await post({ deviceType: 'Web', token: 'abc' }, alice)

      t.equal(res.statusCode, 200)
      t.same(res.json(), { deviceType: 'Web', token: 'abc' })
      t.equal(countTokens(built, 'abc'), 1)
    })

    t.test('the same token from another user is another row', async (t) => {
      const bob = await built.login(users.bob)

      const res = await post({ deviceType: 'Android', token: 'abc' }, bob)

      t.equal(res.statusCode, 200)
      t.same(res.json(), { deviceType: 'Android', token: 'abc' })
      t.equal(countTokens(built, 'abc'), 2)
    })

    t.test('without a login: 401 with a ResponseStatus', async (t) => {
      const res = await post({ deviceType: 'Web', token: 'anon' })

      t.equal(res.statusCode, 401)
      t.equal(res.headers['www-authenticate'], 'credentials realm="/auth/credentials"')
      t.same(res.json(), { responseStatus: { errorCode: 'Unauthorized', message: 'Not Authenticated', errors: [] } })
      t.equal(countTokens(built, 'anon'), 0)
    })

    t.test('a user without the role User: 403', async (t) => {
      const nora = await built.login(users.nora)

      const res = await post({ deviceType: 'Web', token: 'nora' }, nora)

      t.equal(res.statusCode, 403)
      t.match(res.json(), { responseStatus: { errorCode: 'Forbidden', message: 'Invalid Role' } })
      t.equal(countTokens(built, 'nora'), 0)
    })

    t.test('an Admin passes the role check', async (t) => {
      const root = await built.login(users.root)

      const res = await post({ deviceType: 'iOS', token: 'root' }, root)

      t.equal(res.statusCode, 200)
      t.same(res.json(), { deviceType: 'iOS', token: 'root' })
    })

    t.test('device type Desktop: 400 with a field error on DeviceType', async (t) => {
      const res = await post({ deviceType: 'Desktop', token: 'd1' }, alice)

      t.equal(res.statusCode, 400)
      const status = res.json().responseStatus
      t.equal(status.errors.length, 1)
      t.match(status.errors[0], { errorCode: 'Enum', fieldName: 'DeviceType' })
      t.equal(countTokens(built, 'd1'), 0)
    })

    t.test('no token: 400 with a field error on Token', async (t) => {
      const res = await post({ deviceType: 'Web' }, alice)

      t.equal(res.statusCode, 400)
      t.same(res.json(), {
        responseStatus: {
          errorCode: 'NotEmpty',
          message: "'Token' must not be empty.",
          errors: [{ errorCode: 'NotEmpty', fieldName: 'Token', message: "'Token' must not be empty." }],
        },
      })
    })

    t.test('a blank token is refused like a missing one', async (t) => {
      const res = await post({ deviceType: 'Web', token: '   ' }, alice)

      t.equal(res.statusCode, 400)
      t.match(res.json().responseStatus.errors, [{ fieldName: 'Token', message: "'Token' must not be blank." }])
    })

    t.test('a bad device type and a missing token are reported together', async (t) => {
      const res = await post({ deviceType: 'Fax' }, alice)

      t.equal(res.statusCode, 400)
      t.match(res.json().responseStatus, {
        errorCode: 'SerializationException',
        message: "Unable to bind to request 'NewDeviceToken'",
      })
      t.same(
        res.json().responseStatus.errors.map((e: { errorCode: string; fieldName: string }) => [e.errorCode, e.fieldName]),
        [['Enum', 'DeviceType'], ['NotEmpty', 'Token']],
      )
    })

    t.test('no device type: 400 with a field error on DeviceType', async (t) => {
      const res = await post({ token: 'no-type' }, alice)

      t.equal(res.statusCode, 400)
      t.match(res.json().responseStatus.errors, [{ errorCode: 'NotNull', fieldName: 'DeviceType' }])
    })

    t.test('malformed JSON: 400, never 500', async (t) => {
      const res = await post('{"deviceType":"Web",', alice, { 'content-type': 'application/json' })

      t.equal(res.statusCode, 400)
      t.match(res.json(), { responseStatus: { errorCode: 'SerializationException' } })
    })

    t.test('a token of the wrong JSON type: 400 naming Token', async (t) => {
      const res = await post({ deviceType: 'Web', token: 123 }, alice)

      t.equal(res.statusCode, 400)
      t.match(res.json().responseStatus.errors, [{ errorCode: 'SerializationException', fieldName: 'Token' }])
    })

    t.test('device type names match in any case and answer the declared member', async (t) => {
      const res = await post({ deviceType: 'ios', token: 'case' }, alice)

      t.equal(res.statusCode, 200)
      t.same(res.json(), { deviceType: 'iOS', token: 'case' })
    })
  })
}

t.test('the pre-defined JSON routes read JSON whatever the content type says', async (t) => {
  const built = await buildApp(t)
  const cookie = await built.login(users.alice)

  for (const contentType of ['text/plain;charset=UTF-8', undefined]) {
    const res = await built.app.inject({
      method: 'POST',
      url: '/api/NewDeviceToken',
      headers: { cookie, ...(contentType ? { 'content-type': contentType } : {}) },
      payload: '{"deviceType":"Android","token":"plain"}',
    })

    t.equal(res.statusCode, 200, `content type ${contentType}`)
    t.same(res.json(), { deviceType: 'Android', token: 'plain' })
  }
})

t.test('the DTO route refuses a body whose content type it cannot read', async (t) => {
  const built = await buildApp(t)
  const cookie = await built.login(users.alice)

  const res = await built.app.inject({
    method: 'POST',
    url: '/app/tokens',
    headers: { cookie, 'content-type': 'application/x-yaml' },
    payload: 'deviceType: Web',
  })

  t.equal(res.statusCode, 415)
  t.match(res.json(), { responseStatus: { errorCode: 'UnsupportedMediaType' } })
})

t.test('a form post binds like a query string', async (t) => {
  const built = await buildApp(t)
  const cookie = await built.login(users.alice)

  const res = await built.app.inject({
    method: 'POST',
    url: '/app/tokens',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'deviceType=Android&token=from-form',
  })

  t.equal(res.statusCode, 200)
  t.same(res.json(), { deviceType: 'Android', token: 'from-form' })
})

t.test('ListDeviceTokens answers my tokens, newest first, with their dates', async (t) => {
  const built = await buildApp(t)
  const alice = await built.login(users.alice)
  const bob = await built.login(users.bob)
  const before = Date.now()
  for (const [cookie, token, deviceType] of [
    [alice, 'a1', 'Web'],
    [alice, 'a2', 'iOS'],
    [bob, 'b1', 'Web'],
  ] as const) {
    await built.app.inject({ method: 'POST', url: '/app/tokens', headers: { cookie }, payload: { deviceType, token } })
  }

  const res = await built.app.inject({ method: 'GET', url: '/app/tokens', headers: { cookie: alice } })

  t.equal(res.statusCode, 200)
  const body = res.json()
  t.same(body.items.map((i: { token: string }) => i.token), ['a2', 'a1'])
  t.same({ totalCount: body.totalCount, totalPages: body.totalPages, hasMorePages: body.hasMorePages }, {
    totalCount: 2,
    totalPages: 1,
    hasMorePages: false,
  })
  for (const item of body.items) {
    t.match(item.dateCreated, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/)
    t.ok(Date.parse(item.dateCreated) >= before - 1000, 'the date is the time it was stored')
  }
})

t.test('ListDeviceTokens pages and filters by query string', async (t) => {
  const built = await buildApp(t)
  const cookie = await built.login(users.alice)
  for (const [token, deviceType] of [['p1', 'Web'], ['p2', 'Web'], ['p3', 'Android']]) {
    await built.app.inject({ method: 'POST', url: '/app/tokens', headers: { cookie }, payload: { deviceType, token } })
  }

  const page = await built.app.inject({ url: '/app/tokens?page=2&countPerPage=1&deviceType=web', headers: { cookie } })
  const viaApi = await built.app.inject({ url: '/api/ListDeviceTokens?countPerPage=5', headers: { cookie } })

  t.equal(page.statusCode, 200)
  t.match(page.json(), { items: [{ token: 'p1', deviceType: 'Web' }], totalCount: 2, totalPages: 2, hasMorePages: false })
  t.equal(viaApi.json().items.length, 3)
})

t.test('ListDeviceTokens: a page that is not a number names the field', async (t) => {
  const built = await buildApp(t)
  const cookie = await built.login(users.alice)

  const bad = await built.app.inject({ url: '/app/tokens?page=abc', headers: { cookie } })
  const zero = await built.app.inject({ url: '/app/tokens?page=0', headers: { cookie } })

  t.equal(bad.statusCode, 400)
  t.match(bad.json().responseStatus, {
    errorCode: 'SerializationException',
    message: "Unable to bind to request 'ListDeviceTokens'",
    errors: [{ errorCode: 'SerializationException', fieldName: 'Page' }],
  })
  t.equal(zero.statusCode, 400)
  t.match(zero.json().responseStatus, {
    errorCode: 'GreaterThanOrEqual',
    message: "'Page' must be greater than or equal to '1'.",
  })
})

t.test('DeleteDeviceToken deletes my token only, answering 204', async (t) => {
  const built = await buildApp(t)
  const alice = await built.login(users.alice)
  const bob = await built.login(users.bob)
  await built.app.inject({ method: 'POST', url: '/app/tokens', headers: { cookie: alice }, payload: { deviceType: 'Web', token: 'gone' } })
  await built.app.inject({ method: 'POST', url: '/app/tokens', headers: { cookie: bob }, payload: { deviceType: 'Web', token: 'gone' } })

  const first = await built.app.inject({ method: 'DELETE', url: '/app/tokens/gone', headers: { cookie: alice } })
  const again = await built.app.inject({ method: 'DELETE', url: '/app/tokens/gone', headers: { cookie: alice } })

  t.equal(first.statusCode, 204)
  t.equal(first.body, '')
  t.equal(again.statusCode, 404)
  t.match(again.json(), { responseStatus: { errorCode: 'NotFound' } })
  t.equal(countTokens(built, 'gone'), 1, "bob's token stays")
})

t.test('a token as long as a real device token (4 KB) works in the path', async (t) => {
  const built = await buildApp(t)
  const cookie = await built.login(users.alice)
  const token = 'f'.repeat(4096)
  await built.app.inject({ method: 'POST', url: '/app/tokens', headers: { cookie }, payload: { deviceType: 'iOS', token } })

  const res = await built.app.inject({ method: 'DELETE', url: `/app/tokens/${token}`, headers: { cookie } })

  t.equal(res.statusCode, 204)
  t.equal(countTokens(built, token), 0)
})

t.test('a token with reserved characters round-trips through the path', async (t) => {
  const built = await buildApp(t)
  const cookie = await built.login(users.alice)
  const token = 'a/b c?d#é:1%.x'
  await built.app.inject({ method: 'POST', url: '/app/tokens', headers: { cookie }, payload: { deviceType: 'Web', token } })

  const res = await built.app.inject({ method: 'DELETE', url: `/app/tokens/${encodeURIComponent(token)}`, headers: { cookie } })

  t.equal(res.statusCode, 204)
  t.equal(countTokens(built, token), 0)
})

t.test('a token ending in a format name is meant literally when its dot is encoded', async (t) => {
  const built = await buildApp(t)
  const cookie = await built.login(users.alice)
  const add = (token: string) =>
    built.app.inject({ method: 'POST', url: '/app/tokens', headers: { cookie }, payload: { deviceType: 'Web', token } })
  await add('report.json')
  await add('report')

  const encoded = await built.app.inject({ method: 'DELETE', url: '/app/tokens/report%2Ejson', headers: { cookie } })
  const suffixed = await built.app.inject({ method: 'DELETE', url: '/app/tokens/report.json', headers: { cookie } })

  t.equal(encoded.statusCode, 204)
  t.equal(countTokens(built, 'report.json'), 0)
  t.equal(suffixed.statusCode, 204, 'a literal .json is the format suffix')
  t.equal(suffixed.headers['content-type'], undefined)
  t.equal(countTokens(built, 'report'), 0)
})

t.test('GetDeviceTypes needs no login and lists the enum members as declared', async (t) => {
  const built = await buildApp(t)

  const res = await built.app.inject({ url: '/app/device-types' })

  t.equal(res.statusCode, 200)
  t.equal(res.body, '{"deviceTypes":["Web","iOS","Android"]}')
})
