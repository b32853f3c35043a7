/** Libraries an application may not need are loaded only when it does. */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import t from 'tap'

const dist = join(__dirname, '..', '..')

// Starts a server on the given fixture modules in a fresh process, sends one request and
// reports which of the libraries were loaded, and the answer.
function probe(fixture: string, request: { url: string; payload?: object }, options = '{}') {
  const script = `
    const { createServer, openDatabase } = require(${JSON.stringify(join(dist, 'src', 'index.js'))})
    const modules = [require(${JSON.stringify(join(dist, 'test', 'fixtures', 'dtos', fixture))})]
    const options = ${options}
    if (options.auth) options.database = openDatabase(':memory:')
    createServer({ modules, namespace: 'Probe', ...options }).then(async (app) => {
      const res = await app.inject({ method: ${JSON.stringify(request.payload ? 'POST' : 'GET')}, url: ${JSON.stringify(request.url)}, payload: ${JSON.stringify(request.payload)} })
      const loaded = (name) => Object.keys(require.cache).some((file) => file.includes('/node_modules/' + name + '/'))
      console.log(JSON.stringify({ classValidator: loaded('class-validator'), jose: loaded('jose'), status: res.statusCode, body: res.json() }))
      await app.close()
    })`
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(run.stderr)
  return JSON.parse(run.stdout) as { classValidator: boolean; jose: boolean; status: number; body: Record<string, unknown> }
}

t.test('an API without rules or authentication loads neither class-validator nor jose', async (t) => {
  const result = probe('routes.js', { url: '/hello/World' })

  t.equal(result.status, 200)
  t.equal(result.classValidator, false)
  t.equal(result.jose, false)
})

t.test('an API whose DTOs have rules loads class-validator and applies them; authentication loads jose', async (t) => {
  const refused = probe('validated.js', { url: '/users', payload: { age: 30 } })
  const withAuth = probe('routes.js', { url: '/hello/World' }, '{ "auth": {} }')

  t.equal(refused.classValidator, true)
  t.equal(refused.status, 400)
  t.match(refused.body, { responseStatus: { errorCode: 'NotEmpty', errors: [{ fieldName: 'FirstName' }] } })
  t.equal(withAuth.jose, true)
  t.equal(withAuth.status, 200)
})
