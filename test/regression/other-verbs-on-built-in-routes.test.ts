/**
 * dtostack's own pages answer GET only: another verb there is a 405 with `Allow`, and
 * OPTIONS answers `Allow`, as on every operation's route, not a 404 that says the page is
 * not there. The application's own routes are covered the same way.
 */
import Fastify from 'fastify'
import t from 'tap'
import { dtostack, openDatabase } from '../../src/index'
import * as dtos from '../fixtures/tiny-app/dtos'
import * as services from '../fixtures/tiny-app/services'
import { buildApp } from '../helpers/build-app'

const pages = ['/health', '/metadata', '/metadata/style.css', '/json/metadata', '/api', '/types', '/types/typescript', '/types/py']

t.test('another verb on a built-in page is a 405 with Allow in the format asked for; OPTIONS answers Allow', async (t) => {
  const { app } = await buildApp(t)

  for (const url of pages) {
    const deleted = await app.inject({ method: 'DELETE', url })
    const posted = await app.inject({ method: 'POST', url: `${url}?format=xml`, payload: {} })
    const options = await app.inject({ method: 'OPTIONS', url })

    t.equal(deleted.statusCode, 405, `DELETE ${url}`)
    t.equal(deleted.headers.allow, 'GET, HEAD', `DELETE ${url}`)
    t.match(deleted.json(), { responseStatus: { errorCode: 'MethodNotAllowed', message: 'This path does not accept DELETE' } })
    t.equal(posted.statusCode, 405, `POST ${url}`)
    t.match(posted.body, /<ErrorCode>MethodNotAllowed<\/ErrorCode>/, `POST ${url} answers XML`)
    t.equal(options.statusCode, 204, `OPTIONS ${url}`)
    t.equal(options.headers.allow, 'GET, HEAD', `OPTIONS ${url}`)
  }
  const unknown = await app.inject({ method: 'DELETE', url: '/healthz' })
  const literal = await app.inject({ method: 'DELETE', url: '/*' })
  t.equal(unknown.statusCode, 404)
  t.equal(literal.statusCode, 404)
})

t.test("the application's own routes and a prefix are covered too", async (t) => {
  const db = openDatabase(':memory:')
  const app = Fastify()
  await app.register(async (scope) => {
    await scope.register(dtostack, { modules: [dtos, services], deps: db })
    scope.post('/hooks/incoming', async () => ({ ok: true }))
  }, { prefix: '/v1' })
  t.teardown(async () => {
    await app.close()
    db.close()
  })

  const page = await app.inject({ method: 'PUT', url: '/v1/metadata' })
  const own = await app.inject({ method: 'GET', url: '/v1/hooks/incoming' })

  t.equal(page.statusCode, 405)
  t.equal(page.headers.allow, 'GET, HEAD')
  t.equal(own.statusCode, 405)
  t.equal(own.headers.allow, 'POST')
})
