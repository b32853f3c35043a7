/**
 * Every limit of the README's table crossed once, through a real server: `npm start` with
 * the limits set from the environment, or (for nesting) a fixture server on a real port.
 * Each answer is checked for its status and its ResponseStatus.
 */
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { connect } from 'node:net'
import { join } from 'node:path'
import { openDatabase } from '../../src/store/database'
import * as kinds from '../fixtures/dtos/kinds'
import { seedUsers, users } from '../helpers/build-app'
import { fixtureApp } from '../helpers/fixture-app'
import { signIn, startServer, stopServer, type ServerProcess } from '../helpers/processes'

const env = {
  BODY_LIMIT: '2048',
  REQUEST_TIMEOUT_MS: '1000',
  MAX_BATCH_SIZE: '3',
  MAX_STRING_LENGTH: '64',
  LOGIN_MAX_FAILURES_PER_USER: '2',
}

let server: ServerProcess
let bearer: string

t.before(async () => {
  const path = join(t.testdir(), 'limits.db')
  const seed = openDatabase(path)
  await seedUsers(seed, [users.alice, users.bob])
  seed.close()
  server = await startServer(path, env)
  bearer = await signIn(server.baseUrl, users.alice.userName, users.alice.password)
})
t.teardown(() => stopServer(server))

async function post(path: string, body: string) {
  const res = await fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body,
  })
  return { status: res.status, headers: res.headers, json: (await res.json()) as { responseStatus?: Record<string, unknown> } }
}

t.test('a body over BODY_LIMIT is a 413 PayloadTooLarge', async (t) => {
  const fits = await post('/app/tokens', JSON.stringify({ deviceType: 'Web', token: 'small', pad: 'x'.repeat(1900) }))
  const over = await post('/app/tokens', JSON.stringify({ deviceType: 'Web', token: 'big', pad: 'x'.repeat(2100) }))

  t.equal(fits.status, 200)
  t.equal(over.status, 413)
  t.match(over.json, { responseStatus: { errorCode: 'PayloadTooLarge', message: 'Request body is too large' } })
})

t.test('a string over MAX_STRING_LENGTH is a 400 naming the field', async (t) => {
  const fits = await post('/app/tokens', JSON.stringify({ deviceType: 'Web', token: 'y'.repeat(64) }))
  const over = await post('/app/tokens', JSON.stringify({ deviceType: 'Web', token: 'y'.repeat(65) }))
  const inQuery = await fetch(`${server.baseUrl}/app/tokens?deviceType=${'z'.repeat(65)}`, {
    headers: { authorization: `Bearer ${bearer}` },
  })

  t.equal(fits.status, 200)
  t.equal(over.status, 400)
  t.match(over.json, {
    responseStatus: {
      errorCode: 'SerializationException',
      errors: [{ errorCode: 'SerializationException', fieldName: 'Token', message: "the text of 'Token' is longer than 64 characters" }],
    },
  })
  t.equal(inQuery.status, 400, 'query strings are bound under the same limit')
})

t.test('a batch over MAX_BATCH_SIZE is a 400 and runs nothing', async (t) => {
  const batch = (n: number, prefix: string) =>
    JSON.stringify(Array.from({ length: n }, (_, i) => ({ deviceType: 'Web', token: `${prefix}-${i}` })))

  const fits = await post('/api/NewDeviceToken[]', batch(3, 'fits'))
  const over = await post('/api/NewDeviceToken[]', batch(4, 'over'))
  const list = await fetch(`${server.baseUrl}/app/tokens?countPerPage=100`, { headers: { authorization: `Bearer ${bearer}` } })
  const tokens = ((await list.json()) as { items: Array<{ token: string }> }).items.map((i) => i.token)

  t.equal(fits.status, 200)
  t.equal(over.status, 400)
  t.match(over.json, { responseStatus: { errorCode: 'BadRequest', message: 'A batch holds at most 3 requests, not 4' } })
  t.notOk(tokens.some((token) => token.startsWith('over-')), 'no request of the refused batch ran')
})

t.test('a request not complete within REQUEST_TIMEOUT_MS is a 408 RequestTimeout', async (t) => {
  const url = new URL(server.baseUrl)
  const socket = connect(Number(url.port), url.hostname)
  let received = ''
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()))
  const closed = new Promise((resolve) => socket.on('close', resolve))

  socket.write(`POST /app/tokens HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"dev`)
  await closed

  t.match(received, /^HTTP\/1\.1 408 /)
  t.match(JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4)), {
    responseStatus: { errorCode: 'RequestTimeout', message: 'The request took too long to arrive' },
  })
})

t.test('sign-in failures over LOGIN_MAX_FAILURES_PER_USER are a 429 with Retry-After', async (t) => {
  const attempt = async (password: string) => {
    const res = await fetch(`${server.baseUrl}/auth/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userName: 'bob', password }),
    })
    return { status: res.status, retryAfter: res.headers.get('retry-after'), json: (await res.json()) as object }
  }

  const failures = [await attempt('wrong-1'), await attempt('wrong-2')]
  const blocked = await attempt(users.bob.password)

  t.same(failures.map((f) => f.status), [401, 401])
  t.equal(blocked.status, 429, 'even the right password waits until the window closes')
  t.match(blocked.retryAfter, /^\d+$/)
  t.match(blocked.json, { responseStatus: { errorCode: 'TooManyRequests', message: 'Too many attempts: try again later' } })
})

t.test('nesting deeper than limits.maxDepth is a 400 naming where', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds], limits: { maxDepth: 4 } })
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 })
  const tree = (levels: number) => '{"name":"n","children":['.repeat(levels) + '{"name":"leaf"}' + ']}'.repeat(levels)
  const send = (levels: number) =>
    fetch(`${baseUrl}/kinds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"needed":"x","tree":${tree(levels)}}`,
    })

  const fits = await send(1)
  const over = await send(2)

  t.equal(fits.status, 200)
  t.equal(over.status, 400)
  t.match(await over.json(), {
    responseStatus: {
      errorCode: 'SerializationException',
      errors: [{ fieldName: 'Tree.Children[0].Children', message: 'nesting deeper than 4 levels' }],
    },
  })
})

t.test('limits.maxDepth holds alike in JSON, XML and JSV, above the default as below it', async (t) => {
  // A tree `levels` deep, in each format's own notation.
  const bodies: Record<string, { type: string; body: (levels: number) => string }> = {
    json: {
      type: 'application/json',
      body: (levels) => `{"needed":"x","tree":${'{"name":"n","children":['.repeat(levels)}{"name":"leaf"}${']}'.repeat(levels)}}`,
    },
    xml: {
      type: 'application/xml',
      body: (levels) =>
        `<EchoKinds><Needed>x</Needed><Tree>${'<Name>n</Name><Children><TreeNode>'.repeat(levels)}<Name>leaf</Name>` +
        `${'</TreeNode></Children>'.repeat(levels)}</Tree></EchoKinds>`,
    },
    jsv: {
      type: 'application/jsv',
      body: (levels) => `{needed:x,tree:${'{name:n,children:['.repeat(levels)}{name:leaf}${']}'.repeat(levels)}}`,
    },
  }
  for (const maxDepth of [4, 100]) {
    const app = await fixtureApp(t, { modules: [kinds], limits: { maxDepth } })
    // Each level of the tree is an object in a list: two levels of nesting.
    const fitting = Math.floor(maxDepth / 2) - 1
    for (const [format, { type, body }] of Object.entries(bodies)) {
      const send = (levels: number) => app.inject({ method: 'POST', url: '/kinds', headers: { 'content-type': type }, payload: body(levels) })
      const fits = await send(fitting)
      const over = await send(fitting + 1)
      t.equal(fits.statusCode, 200, `${format}, limit ${maxDepth}: ${fitting} levels fit`)
      t.equal(over.statusCode, 400, `${format}, limit ${maxDepth}: one more does not`)
      t.match(over.json(), {
        responseStatus: { errorCode: 'SerializationException', errors: [{ message: `nesting deeper than ${maxDepth} levels` }] },
      }, `${format}, limit ${maxDepth}: the member past the limit is named`)
    }
  }
})

t.test('a limit in the environment that is not a whole number above 0 stops the server at startup', async (t) => {
  const main = join(__dirname, '..', '..', 'src', 'app', 'main.js')
  const run = (name: string, value: string) =>
    spawnSync(process.execPath, [main], {
      env: { ...process.env, DATABASE_PATH: join(t.testdir(), 'never.db'), PORT: '0', [name]: value },
      encoding: 'utf8',
      timeout: 30_000,
    })

  const text = run('MAX_STRING_LENGTH', 'lots')
  const zero = run('BODY_LIMIT', '0')

  t.equal(text.status, 1)
  t.match(text.stderr, "MAX_STRING_LENGTH must be a whole number above 0, not 'lots'")
  t.equal(zero.status, 1)
  t.match(zero.stderr, "BODY_LIMIT must be a whole number above 0, not '0'")
})

t.test('an answer lists at most limits.maxFieldErrors field errors', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds], limits: { maxFieldErrors: 5 } })
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 })
  const counts = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, 'not a number']))

  const res = await fetch(`${baseUrl}/kinds`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ needed: 'x', counts }),
  })
  const { responseStatus } = (await res.json()) as { responseStatus: { errorCode: string; errors: unknown[] } }

  t.equal(res.status, 400)
  t.equal(responseStatus.errorCode, 'SerializationException')
  t.equal(responseStatus.errors.length, 5)
})

t.test('a form of more than 1000 fields, url-encoded or multipart, is a 413 PayloadTooLarge', async (t) => {
  const app = await fixtureApp(t, { modules: [kinds] })
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 })
  const form = (n: number) => Array.from({ length: n }, (_, i) => `f${i}=1`).join('&')
  const send = (n: number) =>
    fetch(`${baseUrl}/kinds`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `needed=x&${form(n)}`,
    })

  const multipart = (n: number) =>
    Array.from({ length: n }, (_, i) => `--b\r\ncontent-disposition: form-data; name="f${i}"\r\n\r\n1\r\n`).join('') + '--b--\r\n'

  const fits = await send(999)
  const over = await send(1001)
  const overMultipart = await fetch(`${baseUrl}/kinds`, {
    method: 'POST',
    headers: { 'content-type': 'multipart/form-data; boundary=b' },
    body: multipart(1001),
  })

  t.equal(fits.status, 200)
  for (const res of [over, overMultipart]) {
    t.equal(res.status, 413)
    t.match(await res.json(), {
      responseStatus: { errorCode: 'PayloadTooLarge', message: 'The form holds more than 1000 fields or 100 files' },
    })
  }
})
