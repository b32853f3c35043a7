/** Errors raised before an operation is found are answered in the format the request asks for. */
import t from 'tap'
import { gzipSync } from 'node:zlib'
import * as kinds from '../fixtures/dtos/kinds'
import { fixtureApp } from '../helpers/fixture-app'

t.test('a body over the limit asked for in XML is answered in XML', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds], fastify: { bodyLimit: 1024 } } as never)

  const res = await app.inject({
    method: 'POST',
    url: '/kinds?format=xml',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    payload: gzipSync(Buffer.from(`{"text":"${'x'.repeat(100_000)}"}`)),
  })

  t.equal(res.statusCode, 413)
  t.match(res.headers['content-type'], /^application\/xml/)
  t.match(res.body, /<ErrorCode>PayloadTooLarge<\/ErrorCode>/)
})

t.test('a URL fastify cannot decode is answered in the format of Accept', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  const res = await app.inject({ url: '/kinds/%FF', headers: { accept: 'application/jsv' } })

  t.equal(res.statusCode, 400)
  t.match(res.headers['content-type'], /^application\/jsv/)
  t.match(res.body, /^\{responseStatus:\{errorCode:BadRequest/)
})

t.test('an unknown operation on /xml/reply and an unknown path with .csv keep their format', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })

  const xml = await app.inject({ method: 'POST', url: '/xml/reply/Nope' })
  const csv = await app.inject({ url: '/nope.csv' })

  t.equal(xml.statusCode, 404)
  t.match(xml.headers['content-type'], /^application\/xml/)
  t.equal(csv.statusCode, 404)
  t.match(csv.headers['content-type'], /^text\/csv/)
  t.match(csv.body, /^ErrorCode,Message/)
})
