/**
 * SIGTERM on `npm start`: a request in flight finishes, new ones are refused cleanly, the
 * database is closed; a second signal exits at once.
 */
import t from 'tap'
import { existsSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { join } from 'node:path'
import { openDatabase } from '../../src/store/database'
import { seedUsers, users } from '../helpers/build-app'
import { signIn, startServer, type ServerProcess } from '../helpers/processes'

interface SlowRequest {
  readonly socket: Socket
  /** Everything the server wrote on the connection, once it has closed it. */
  readonly received: Promise<string>
}

/**
 * Sends a POST whose headers and first half of the body arrive now; the rest is written
 * to `socket` later. Resolves once the server has logged the request as incoming.
 */
async function startSlowPost(server: ServerProcess, id: string, bearer: string, body: string): Promise<SlowRequest> {
  const url = new URL(server.baseUrl)
  const socket = connect(Number(url.port), url.hostname)
  let text = ''
  socket.on('data', (chunk: Buffer) => (text += chunk.toString()))
  const received = new Promise<string>((resolve) => socket.on('close', () => resolve(text)))
  socket.write(
    `POST /app/tokens HTTP/1.1\r\nHost: ${url.host}\r\nX-Request-Id: ${id}\r\n` +
      `Authorization: Bearer ${bearer}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
  )
  await server.waitForLine(new RegExp(`"reqId":"${id}".*"msg":"incoming request"`))
  return { socket, received }
}

// The outcome of a request on a new connection: its status and body, or 'refused'.
async function tryHealth(baseUrl: string): Promise<{ status: number; body: string } | 'refused'> {
  try {
    const res = await fetch(`${baseUrl}/health`)
    return { status: res.status, body: await res.text() }
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code
    if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'refused'
    throw error
  }
}

async function startSeeded(t: tap.Test): Promise<{ path: string; server: ServerProcess; bearer: string }> {
  const path = join(t.testdir(), 'app.db')
  const seed = openDatabase(path)
  await seedUsers(seed, [users.alice])
  seed.close()
  const server = await startServer(path, { LOG_LEVEL: 'debug' })
  const bearer = await signIn(server.baseUrl, users.alice.userName, users.alice.password)
  return { path, server, bearer }
}

t.test('SIGTERM lets a request in flight finish, refuses new ones cleanly and closes the database', async (t) => {
  t.setTimeout(60_000)
  const { path, server, bearer } = await startSeeded(t)
  const body = JSON.stringify({ deviceType: 'Web', token: 'in-flight' })
  const slow = await startSlowPost(server, 'slow-1', bearer, body)

  server.child.kill('SIGTERM')
  await server.waitForLine(/"msg":"shutting down"/)
  // New requests on new connections: answered until the server starts closing, then
  // refused (the listener is closed) or a 503 with a ResponseStatus, never anything else.
  let refusal = await tryHealth(server.baseUrl)
  while (refusal !== 'refused' && refusal.status === 200) refusal = await tryHealth(server.baseUrl)
  // The rest of the request in flight, and a second request pipelined behind it on the
  // same connection: that one arrives while the server closes.
  slow.socket.write(`${body.slice(10)}GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n`)
  const received = await slow.received
  const code = await server.exited

  if (refusal !== 'refused') {
    t.equal(refusal.status, 503)
    t.match(JSON.parse(refusal.body), { responseStatus: { errorCode: 'ServiceUnavailable' } })
  } else {
    t.pass('a new connection is refused')
  }
  const [first, second] = received.split(/(?=HTTP\/1\.1 )/)
  t.match(first, /^HTTP\/1\.1 200 /, 'the request in flight finished')
  t.match(first, /\{"deviceType":"Web","token":"in-flight"\}$/)
  t.match(second, /^HTTP\/1\.1 503 /, 'a request arriving during the shutdown is refused')
  t.match(second, /\r\nconnection: close\r\n/i)
  t.match(second, /\r\ncontent-type: application\/json; charset=utf-8\r\n/)
  t.match(JSON.parse(second!.slice(second!.indexOf('\r\n\r\n') + 4)), {
    responseStatus: { errorCode: 'ServiceUnavailable', message: 'The server is shutting down: try again shortly' },
  })
  t.equal(code, 0, 'exits 0')
  t.notOk(existsSync(`${path}-wal`), 'the database was closed: its write-ahead log is checkpointed and removed')
  const database = openDatabase(path)
  const stored = database.prepare('SELECT token FROM device_tokens').all()
  database.close()
  t.same(stored, [{ token: 'in-flight' }], 'the write of the request in flight is stored')
})

t.test('a second signal exits at once, without waiting for the request in flight', async (t) => {
  t.setTimeout(60_000)
  const { server, bearer } = await startSeeded(t)
  const slow = await startSlowPost(server, 'slow-2', bearer, JSON.stringify({ deviceType: 'Web', token: 'never' }))

  server.child.kill('SIGTERM')
  await server.waitForLine(/"msg":"shutting down"/)
  server.child.kill('SIGTERM')
  const code = await server.exited
  const received = await slow.received

  t.equal(code, 1)
  t.ok(server.lines.some((l) => /"msg":"second signal: exiting at once"/.test(l)))
  t.equal(received, '', 'the unfinished request got no answer: the process did not wait for it')
})
