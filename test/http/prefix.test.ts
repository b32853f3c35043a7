/** dtostack registered under a path prefix: routes, pre-defined routes and pages all live below it. */
import Fastify from 'fastify'
import t from 'tap'
import { dtostack, openDatabase } from '../../src/index'
import * as dtos from '../fixtures/tiny-app/dtos'
import * as services from '../fixtures/tiny-app/services'

t.test('every route shape answers below the prefix, and none outside it', async (t) => {
  const db = openDatabase(':memory:')
  const app = Fastify()
  await app.register(async (scope) => {
    await scope.register(dtostack, { modules: [dtos, services], deps: db })
  }, { prefix: '/v1' })
  t.teardown(async () => {
    await app.close()
    db.close()
  })

  const created = await app.inject({ method: 'POST', url: '/v1/todos', payload: { title: 'prefixed' } })
  const predefined = await app.inject({ method: 'POST', url: '/v1/api/CreateTodo', payload: { title: 'also' } })
  const legacy = await app.inject({ url: '/v1/json/reply/GetTodos' })
  const page = await app.inject('/v1/json/metadata?op=CreateTodo')
  const outside = await app.inject({ method: 'POST', url: '/todos', payload: { title: 'nowhere' } })

  t.equal(created.statusCode, 201)
  t.equal(predefined.statusCode, 201)
  t.equal(legacy.json().results.length, 2)
  t.match(page.body, 'POST /v1/todos HTTP/1.1 ')
  t.match(page.body, 'href="/v1/metadata"')
  t.equal(outside.statusCode, 404)
})
