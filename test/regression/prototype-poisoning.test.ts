/** `__proto__`, `constructor` and `prototype` keys never reach an object's prototype. */
import t from 'tap'
import * as kinds from '../fixtures/dtos/kinds'
import { fixtureApp } from '../helpers/fixture-app'

t.test('poisoning keys in JSON bodies are refused with a 400, at any depth', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })
  const bodies = [
    '{"text":"x","needed":"y","__proto__":{"isAdmin":true}}',
    '{"text":"x","needed":"y","constructor":{"prototype":{"isAdmin":true}}}',
    '{"needed":"y","tree":{"children":[{"__proto__":{"isAdmin":true}}]}}',
    '{"needed":"y","counts":{"__proto__":{"isAdmin":1}}}',
  ]

  for (const payload of bodies) {
    for (const url of ['/kinds', '/json/reply/EchoKinds', '/api/EchoKinds']) {
      const res = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload })
      t.equal(res.statusCode, 400, `${url} ${payload}`)
      t.match(res.json(), { responseStatus: { errorCode: 'SerializationException' } })
    }
  }
  t.equal(({} as Record<string, unknown>).isAdmin, undefined)
})

t.test('poisoning keys in query strings and forms are ignored', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  const queries = [
    '/kinds?needed=y&__proto__[isAdmin]=1',
    '/kinds?needed=y&constructor[prototype][isAdmin]=1',
    '/kinds?needed=y&__proto__=polluted&constructor=x&prototype=y',
  ]
  for (const url of queries) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 200, url)
    t.same(res.json(), { needed: 'y' })
  }
  const form = await app.inject({
    method: 'POST',
    url: '/kinds',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'needed=y&__proto__[isAdmin]=1&constructor[prototype][isAdmin]=1',
  })
  t.equal(form.statusCode, 200)
  t.same(form.json(), { needed: 'y' })
  t.equal(({} as Record<string, unknown>).isAdmin, undefined)
  t.same(Object.getOwnPropertyNames(Object.prototype).sort(), Object.getOwnPropertyNames(Object.getPrototypeOf({})).sort())
})

t.test('a map key named __proto__ in text input is a field error, not an assignment', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  const res = await app.inject({
    method: 'POST',
    url: '/kinds',
    headers: { 'content-type': 'application/json' },
    payload: '{"needed":"y","counts":{"prototype":1,"ok":2}}',
  })

  t.equal(res.statusCode, 400)
  t.match(res.json().responseStatus.errors, [{ fieldName: 'Counts[prototype]' }])
})
