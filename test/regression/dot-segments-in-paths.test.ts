/** `.` and `..` segments, plain or encoded, never reach a path variable. */
import t from 'tap'
import * as routes from '../fixtures/dtos/routes'
import { fixtureApp } from '../helpers/fixture-app'
import { sendOverHttp } from '../hostile/harness'

t.test('a dot segment anywhere in the path is a 400, also hidden behind encoded slashes', async (t) => {
  const app = await fixtureApp(t, { modules: [routes] })
  // inject and fetch resolve `%2e%2e` before sending: the path must arrive as written.
  const base = await app.listen({ host: '127.0.0.1', port: 0 })

  for (const path of ['/files/%2e%2e/etc', '/files/a/..', '/files/a%2f..%2fb', '/files/..%5cwin', '/content/.%2e', '/files/%2E']) {
    const res = await sendOverHttp(base, { method: 'GET', url: path })
    t.equal(res.statusCode, 400, path)
    t.match(JSON.parse(res.body), { responseStatus: { errorCode: 'BadRequest' } })
  }
})

t.test('dots that are not whole segments are kept', async (t) => {
  const app = await fixtureApp(t, { modules: [routes] })

  const res = await app.inject({ url: '/files/a..b/.hidden/x.' })

  t.equal(res.statusCode, 200)
  t.same(res.json(), { path: 'a..b/.hidden/x.', matched: 'GetFile' })
})
