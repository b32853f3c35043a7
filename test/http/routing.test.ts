/** Route matching with ServiceStack's precedence, pre-defined routes and 405s. */
import t from 'tap'
import { Handles, Returns, Route } from '../../src/index'
import * as routes from '../fixtures/dtos/routes'
import { fixtureApp } from '../helpers/fixture-app'

const build = (t: tap.Test) => fixtureApp(t, { modules: [routes] })

@Route('/api/items', 'GET')
@Returns(() => routes.Echo)
class ApiItems {}

class ApiItemsServices {
  @Handles()
  get(_request: ApiItems): routes.Echo {
    return { matched: 'ApiItems' }
  }
}


t.test('a path variable binds, literal segments match in any case, a trailing slash is ignored', async (t) => {
  const app = await build(t)

  for (const url of ['/hello/World', '/HELLO/World', '/hello/World/', '/hello?NAME=World', '/hello?name=World']) {
    const res = await app.inject({ url, headers: { accept: 'application/json' } })
    t.equal(res.statusCode, 200, url)
    t.equal(res.body, '{"result":"Hello, World!"}', url)
  }
})

t.test('on a DTO route, path < query < form, and all override the body', async (t) => {
  const app = await build(t)

  const queryOverPath = await app.inject({ url: '/hello/World?name=Bob' })
  const pathOverBody = await app.inject({ method: 'POST', url: '/hello/World', payload: { name: 'Body' } })
  const formOverQuery = await app.inject({
    method: 'POST',
    url: '/hello?name=Query',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'name=Form',
  })

  t.equal(queryOverPath.json().result, 'Hello, Bob!')
  t.equal(pathOverBody.json().result, 'Hello, World!')
  t.equal(formOverQuery.json().result, 'Hello, Form!')
})

t.test('on pre-defined routes the query string only fills what the body left unset', async (t) => {
  const app = await build(t)

  const bodyWins = await app.inject({ method: 'POST', url: '/json/reply/Hello?name=Query', payload: { name: 'Body' } })
  const queryFills = await app.inject({ method: 'POST', url: '/json/reply/Hello?name=Query', payload: {} })
  const anyCase = await app.inject({ url: '/json/reply/hello?name=X' })
  const api = await app.inject({
    method: 'POST',
    url: '/api/Hello',
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    payload: '{"name":"A"}',
  })

  t.equal(bodyWins.json().result, 'Hello, Body!')
  t.equal(queryFills.json().result, 'Hello, Query!')
  t.equal(anyCase.statusCode, 200)
  t.equal(anyCase.json().result, 'Hello, X!')
  t.equal(api.json().result, 'Hello, A!')
})

t.test('a trailing wildcard takes the rest of the path, or nothing', async (t) => {
  const app = await build(t)

  const deep = await app.inject({ url: '/files/a/b/c.txt' })
  const none = await app.inject({ url: '/files' })

  t.same(deep.json(), { path: 'a/b/c.txt', matched: 'GetFile' })
  t.same(none.json(), { matched: 'GetFile' })
})

t.test('variables can share a segment with text', async (t) => {
  const app = await build(t)

  const dot = await app.inject({ url: '/customdot/id.data' })
  const png = await app.inject({ url: '/pics/100x100/1.png' })

  t.same(dot.json(), { id: 'id', data: 'data', matched: 'CustomDot' })
  t.same(png.json(), { id: '1', path: '100x100', matched: 'CustomDot' })
})

t.test('more literal segments beat fewer, and a wildcard comes last', async (t) => {
  const app = await build(t)

  const literal = await app.inject({ url: '/content/v1/literal/slug' })
  const slug = await app.inject({ url: '/content/v2/other/slug' })
  const postLiteral = await app.inject({ method: 'POST', url: '/content/v1/literal/slug' })

  t.equal(literal.json().matched, 'ContentLiteral')
  t.same(slug.json(), { slug: 'v2/other/slug', matched: 'ContentBySlug' })
  t.equal(postLiteral.json().matched, 'ContentBySlug', 'the literal route answers GET only')
})

t.test('a route for one verb beats a route for every verb', async (t) => {
  const app = await build(t)

  const get = await app.inject({ url: '/x' })
  const post = await app.inject({ method: 'POST', url: '/x' })

  t.equal(get.json().matched, 'XGet')
  t.equal(post.json().matched, 'XAny')
})

t.test('a path that exists for other verbs is a 405 with Allow', async (t) => {
  const app = await build(t)

  const wrongVerb = await app.inject({ method: 'GET', url: '/contacts/1' })
  const noHandler = await app.inject({ method: 'POST', url: '/only-get' })
  const predefined = await app.inject({ method: 'PUT', url: '/api/OnlyGet' })
  const deleted = await app.inject({ method: 'DELETE', url: '/contacts/1' })

  t.equal(wrongVerb.statusCode, 405)
  t.equal(wrongVerb.headers.allow, 'DELETE')
  t.match(wrongVerb.json(), { responseStatus: { errorCode: 'MethodNotAllowed' } })
  t.equal(noHandler.statusCode, 405)
  t.equal(noHandler.headers.allow, 'GET, HEAD')
  t.equal(predefined.statusCode, 405)
  t.equal(predefined.headers.allow, 'GET, HEAD')
  t.equal(deleted.statusCode, 204)
})

t.test('unknown paths and operations are 404 with a ResponseStatus', async (t) => {
  const app = await build(t)

  for (const url of ['/no/such/path', '/api/Nope', '/json/reply/Nope', '/', '/api/']) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 404, url)
    t.equal(res.headers['content-type'], 'application/json; charset=utf-8', url)
    t.match(res.json(), { responseStatus: { errorCode: 'NotFound', errors: [] } }, url)
  }
})

t.test('HEAD answers the status and headers of GET without a body', async (t) => {
  const app = await build(t)

  const get = await app.inject({ url: '/hello/World' })
  const head = await app.inject({ method: 'HEAD', url: '/hello/World' })

  t.equal(head.statusCode, 200)
  t.equal(head.body, '')
  t.equal(head.headers['content-type'], get.headers['content-type'])
  t.equal(head.headers['content-length'], get.headers['content-length'])
})

t.test('OPTIONS answers the verbs a path accepts', async (t) => {
  const app = await build(t)

  const res = await app.inject({ method: 'OPTIONS', url: '/contacts/1' })
  const api = await app.inject({ method: 'OPTIONS', url: '/api/OnlyGet' })

  t.equal(res.statusCode, 204)
  t.equal(res.headers.allow, 'DELETE')
  t.equal(api.statusCode, 204)
  t.equal(api.headers.allow, 'GET, HEAD')
})

t.test('a malformed percent-encoding in the path is a 400', async (t) => {
  const app = await build(t)

  const res = await app.inject({ url: '/hello/%E0%A4%A' })

  t.equal(res.statusCode, 400)
  t.match(res.json(), { responseStatus: { errorCode: 'BadRequest' } })
})

t.test('.json names the format; an unknown ?format= is a 406', async (t) => {
  const app = await build(t)

  const suffix = await app.inject({ url: '/hello/World.json' })
  const apiSuffix = await app.inject({ url: '/api/Hello.json?name=W' })
  const unknown = await app.inject({ url: '/hello/World?format=yaml' })

  t.equal(suffix.json().result, 'Hello, World!')
  t.equal(apiSuffix.json().result, 'Hello, W!')
  t.equal(unknown.statusCode, 406)
  t.match(unknown.json(), { responseStatus: { errorCode: 'NotAcceptable', message: /Unknown format 'yaml'/ } })
})

t.test('a DTO route under /api/ is reachable when its name is no operation', async (t) => {
  const app = await fixtureApp(t, { modules: [routes, { ApiItems, ApiItemsServices, Echo: routes.Echo }] })

  const own = await app.inject({ url: '/api/items' })
  const predefined = await app.inject({ url: '/api/ApiItems' })
  const unknown = await app.inject({ url: '/api/nothing' })

  t.same(own.json(), { matched: 'ApiItems' })
  t.same(predefined.json(), { matched: 'ApiItems' })
  t.equal(unknown.statusCode, 404)
  t.match(unknown.json(), { responseStatus: { message: "Unknown operation 'nothing'" } })
})

t.test('a request target in absolute form is routed by its path', async (t) => {
  const app = await build(t)

  const res = await app.inject({ url: 'http://example.org/hello/World?x=1' })

  t.equal(res.statusCode, 200)
  t.equal(res.json().result, 'Hello, World!')
})

t.test('an empty ?format= counts as absent', async (t) => {
  const app = await build(t)

  const res = await app.inject({ url: '/hello/World?format=' })

  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'application/json; charset=utf-8')
})
