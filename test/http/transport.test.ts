/** What travels around the DTOs: CORS, compression both ways, multipart forms. */
import t from 'tap'
import Fastify from 'fastify'
import { gunzipSync, gzipSync } from 'node:zlib'
import { dtostack } from '../../src/index'
import * as kinds from '../fixtures/dtos/kinds'
import * as routes from '../fixtures/dtos/routes'
import { fixtureApp } from '../helpers/fixture-app'

t.test('CORS is off unless asked for', async (t) => {
  const app = await fixtureApp(t, { modules: [routes] })

  const res = await app.inject({ url: '/hello/World', headers: { origin: 'https://elsewhere.example' } })

  t.equal(res.headers['access-control-allow-origin'], undefined)
})

t.test('with CORS on, preflights are answered and responses carry the headers', async (t) => {
  const app = await fixtureApp(t, { modules: [routes], cors: true })

  const preflight = await app.inject({
    method: 'OPTIONS',
    url: '/hello/World',
    headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
  })
  const plain = await app.inject({ url: '/hello/World', headers: { origin: 'https://app.example' } })
  const options = await app.inject({ method: 'OPTIONS', url: '/contacts/1' })

  t.equal(preflight.statusCode, 204)
  t.equal(preflight.headers['access-control-allow-origin'], '*')
  t.equal(preflight.headers['access-control-allow-methods'], 'GET, POST, PUT, DELETE, PATCH, OPTIONS, HEAD')
  t.equal(preflight.headers['access-control-max-age'], '600')
  t.equal(plain.headers['access-control-allow-origin'], '*')
  t.equal(plain.json().result, 'Hello, World!')
  t.equal(options.statusCode, 204, 'an OPTIONS that is no preflight is answered, not refused')
})

t.test('CORS limited to listed origins echoes only those', async (t) => {
  const app = await fixtureApp(t, { modules: [routes], cors: { origin: ['https://app.example'], credentials: true } })

  const listed = await app.inject({ url: '/hello/World', headers: { origin: 'https://app.example' } })
  const other = await app.inject({ url: '/hello/World', headers: { origin: 'https://evil.example' } })

  t.equal(listed.headers['access-control-allow-origin'], 'https://app.example')
  t.equal(listed.headers['access-control-allow-credentials'], 'true')
  t.equal(other.headers['access-control-allow-origin'], undefined)
})

t.test('responses are compressed as Accept-Encoding asks, in every format', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })
  const tags = Array.from({ length: 300 }, (_, i) => `tag-${i}`)

  for (const format of ['json', 'xml', 'jsv', 'csv']) {
    const plain = await app.inject({ method: 'POST', url: `/kinds?format=${format}`, payload: { needed: 'x', tags } })
    const zipped = await app.inject({
      method: 'POST',
      url: `/kinds?format=${format}`,
      headers: { 'accept-encoding': 'gzip' },
      payload: { needed: 'x', tags },
    })

    t.equal(zipped.statusCode, 200, format)
    t.equal(zipped.headers['content-encoding'], 'gzip', format)
    t.equal(gunzipSync(zipped.rawPayload).toString(), plain.body, format)
  }
  const small = await app.inject({ url: '/kinds?needed=x', headers: { 'accept-encoding': 'gzip' } })
  t.equal(small.headers['content-encoding'], undefined, 'small answers are sent as they are')
})

t.test('with and without Accept-Encoding a path answers the same, and the application\'s compress options hold', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds], compress: { threshold: 0, encodings: ['gzip'] } })
  const ask = (headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/kinds?format=xml', headers, payload: { needed: 'tiny', count: 2 } })

  const none = await ask({})
  const identity = await ask({ 'accept-encoding': 'identity' })
  const brOnly = await ask({ 'accept-encoding': 'br' })
  const gzip = await ask({ 'accept-encoding': 'gzip' })
  const zippedBody = await app.inject({
    method: 'POST',
    url: '/kinds',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    payload: gzipSync('{"needed":"zipped both ways"}'),
  })

  for (const [name, res] of [['none', none], ['identity', identity], ['br only', brOnly]] as const) {
    t.equal(res.statusCode, 200, name)
    t.equal(res.headers['content-encoding'], undefined, name)
    t.equal(res.body, none.body, name)
    t.equal(res.headers['content-type'], none.headers['content-type'], name)
  }
  t.equal(gzip.headers['content-encoding'], 'gzip', 'a tiny answer is compressed under threshold 0')
  t.equal(gunzipSync(gzip.rawPayload).toString(), none.body)
  t.same(zippedBody.json(), { needed: 'zipped both ways' }, 'a request without Accept-Encoding still has its body decompressed')
})

t.test('compress options that act on requests naming no coding still act on them', async (t) => {
  const refusing = await fixtureApp(t, {
    modules: [kinds],
    compress: {
      onUnsupportedEncoding: (encoding, _request, reply) => {
        reply.code(406)
        return `no coding for ${encoding}`
      },
    },
  })
  const forced = await fixtureApp(t, { modules: [kinds], compress: { forceRequestEncoding: 'gzip' } })

  const none = await refusing.inject({ url: '/kinds?needed=x' })
  const unknown = await refusing.inject({ url: '/kinds?needed=x', headers: { 'accept-encoding': 'compress' } })
  const unlabelled = await forced.inject({
    method: 'POST',
    url: '/kinds',
    headers: { 'content-type': 'application/json' },
    payload: gzipSync('{"needed":"forced"}'),
  })

  t.equal(none.statusCode, 406)
  t.equal(none.body, 'no coding for undefined')
  t.equal(unknown.statusCode, 406)
  t.same(unlabelled.json(), { needed: 'forced' })
})

t.test('two dtostack instances on one server, under prefixes, both compress', async (t) => {
  const app = Fastify()
  await app.register(async (scope) => void (await scope.register(dtostack, { modules: [kinds] })), { prefix: '/a' })
  await app.register(async (scope) => void (await scope.register(dtostack, { modules: [kinds] })), { prefix: '/b' })
  t.teardown(() => app.close())
  const tags = Array.from({ length: 300 }, (_, i) => `tag-${i}`)

  for (const prefix of ['/a', '/b']) {
    const plain = await app.inject({ method: 'POST', url: `${prefix}/kinds`, payload: { needed: 'x', tags } })
    const zipped = await app.inject({ method: 'POST', url: `${prefix}/kinds`, headers: { 'accept-encoding': 'gzip' }, payload: { needed: 'x', tags } })
    t.equal(plain.statusCode, 200, prefix)
    t.equal(plain.headers['content-encoding'], undefined, prefix)
    t.equal(zipped.headers['content-encoding'], 'gzip', prefix)
    t.equal(gunzipSync(zipped.rawPayload).toString(), plain.body, prefix)
  }
})

t.test('compressed request bodies are read, and their limit counts the decoded bytes', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds], fastify: { bodyLimit: 1024 * 1024 } } as never)

  const ok = await app.inject({
    method: 'POST',
    url: '/kinds',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    payload: gzipSync('{"needed":"zipped"}'),
  })
  const bomb = await app.inject({
    method: 'POST',
    url: '/kinds',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    payload: gzipSync(Buffer.alloc(100 * 1024 * 1024, ' ')),
  })
  const garbage = await app.inject({
    method: 'POST',
    url: '/kinds',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    payload: 'not gzip at all',
  })

  t.same(ok.json(), { needed: 'zipped' })
  t.equal(bomb.statusCode, 413)
  t.match(bomb.json(), { responseStatus: { errorCode: 'PayloadTooLarge' } })
  t.equal(garbage.statusCode, 400)
  t.ok(garbage.json().responseStatus)
})

t.test('multipart form fields bind like a query string; a file binds to a byte[] member', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })
  const boundary = '----dtostack'
  const part = (name: string, value: string, file?: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file ? `; filename="${file}"` : ''}\r\n` +
    (file ? 'Content-Type: application/octet-stream\r\n' : '') +
    `\r\n${value}\r\n`
  const payload =
    part('needed', 'from-form') + part('count', '7') + part('tags', 'a') + part('tags', 'b') +
    part('data', 'file bytes', 'blob.bin') + `--${boundary}--\r\n`

  const res = await app.inject({
    method: 'POST',
    url: '/kinds',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  })
  const broken = await app.inject({
    method: 'POST',
    url: '/kinds',
    headers: { 'content-type': 'multipart/form-data' },
    payload: 'no boundary',
  })

  t.equal(res.statusCode, 200, res.body)
  t.same(res.json(), {
    count: 7,
    data: Buffer.from('file bytes').toString('base64'),
    tags: ['a', 'b'],
    needed: 'from-form',
  })
  t.equal(broken.statusCode, 400)
})
