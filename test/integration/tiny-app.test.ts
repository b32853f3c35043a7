/** A second application, written only against the package's public exports, is served. */
import t from 'tap'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startTodoApp } from '../fixtures/tiny-app/server'

const sources = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'tiny-app')

t.test('the to-do app imports dtostack by its package name only', async (t) => {
  for (const file of readdirSync(sources)) {
    const imports = [...readFileSync(join(sources, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1])
    t.same(imports.filter((i) => i!.includes('src') || i!.startsWith('../')), [], file)
    t.ok(imports.includes('dtostack'), `${file} uses the package`)
  }
})

t.test('the to-do app serves its operations with their routes, markers and rules', async (t) => {
  const app = await startTodoApp()
  t.teardown(() => app.close())

  const created = await app.inject({ method: 'POST', url: '/todos', payload: { title: 'write tests', priority: 'urgent' } })
  const invalid = await app.inject({ method: 'POST', url: '/api/CreateTodo', payload: { title: '' } })
  const done = await app.inject({ method: 'PUT', url: `/todos/${created.json().id}/done` })
  const missing = await app.inject({ method: 'PUT', url: '/todos/999/done' })
  const list = await app.inject({ url: '/todos?done=true' })
  const open = await app.inject({ url: '/json/reply/GetTodos?done=false' })

  t.equal(created.statusCode, 201)
  t.equal(created.headers.location, `/todos/${created.json().id}`)
  t.match(created.json(), { id: 1, title: 'write tests', priority: 'Urgent', done: false, createdAt: /Z$/ })
  t.equal(invalid.statusCode, 400)
  t.match(invalid.json(), { responseStatus: { errorCode: 'NotEmpty', errors: [{ fieldName: 'Title' }] } })
  t.equal(done.statusCode, 204)
  t.equal(missing.statusCode, 404)
  t.match(list.json(), { results: [{ id: 1, done: true }] })
  t.same(open.json(), { results: [] })
  t.equal(app.dtostack.registry.operation('MarkDone')?.method, 'PUT')
})
