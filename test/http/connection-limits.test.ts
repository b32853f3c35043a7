/** What Node's HTTP layer refuses, answered as a ResponseStatus on a real socket. */
import t from 'tap'
import { connect } from 'node:net'
import * as routes from '../fixtures/dtos/routes'
import { fixtureApp } from '../helpers/fixture-app'

async function exchange(port: number, request: string, options: { keepOpen?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    socket.on('data', (chunk) => (answer += chunk.toString()))
    socket.on('close', () => resolve(answer))
    socket.on('error', reject)
    socket.write(request)
    if (!options.keepOpen) socket.end()
  })
}

async function listen(t: tap.Test, fastify: object = {}): Promise<number> {
  const app = await fixtureApp(t, { modules: [routes], fastify } as never)
  await app.listen({ host: '127.0.0.1', port: 0 })
  return (app.server.address() as { port: number }).port
}

t.test('a request that never finishes arriving is answered 408 and its connection closed', async (t) => {
  // Node checks for late requests every connectionsCheckingInterval ms (30 s by default).
  const port = await listen(t, { requestTimeout: 300, http: { connectionsCheckingInterval: 100 } })

  const answer = await exchange(
    port,
    'POST /hello HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
    { keepOpen: true },
  )

  t.match(answer, /^HTTP\/1\.1 408 Request Timeout\r\n/)
  t.match(answer, /"errorCode":"RequestTimeout"/)
})

t.test('a request Node cannot parse gets a ResponseStatus 400', async (t) => {
  const port = await listen(t)

  const badMethod = await exchange(port, 'FOO /hello HTTP/1.1\r\nHost: x\r\n\r\n')
  const badLine = await exchange(port, 'GET\r\n\r\n')

  for (const answer of [badMethod, badLine]) {
    t.match(answer, /^HTTP\/1\.1 400 Bad Request\r\n/)
    t.match(answer, /\{"responseStatus":\{"errorCode":"BadRequest","message":"The request is not valid HTTP","errors":\[\]\}\}$/)
  }
})

t.test('headers over the limit get a 431 ResponseStatus', async (t) => {
  const port = await listen(t)

  const answer = await exchange(port, `GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)

  t.match(answer, /^HTTP\/1\.1 431 /)
  t.match(answer, /"errorCode":"RequestHeaderFieldsTooLarge"/)
})
