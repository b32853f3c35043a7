/**
 * Ctrl-C on `WORKERS=2 npm start` reaches every process: the primary asks each worker to
 * stop, and each worker also gets the terminal's SIGINT, in either order. The two together
 * are one request to stop, not a second signal: a request in flight still finishes.
 */
import t from 'tap'
import { connect } from 'node:net'
import { join } from 'node:path'
import { openDatabase } from '../../src/store/database'
import { seedUsers, users } from '../helpers/build-app'
import { signIn, startServer } from '../helpers/processes'

t.test("a worker's SIGINT after the primary's shutdown message still lets its request finish", async (t) => {
  t.setTimeout(60_000)
  const path = join(t.testdir(), 'app.db')
  const seed = openDatabase(path)
  await seedUsers(seed, [users.alice])
  seed.close()
  const server = await startServer(path, { WORKERS: '2', LOG_LEVEL: 'debug' })
  const bearer = await signIn(server.baseUrl, users.alice.userName, users.alice.password)

  // A POST whose body is still arriving: a request in flight on one worker.
  const url = new URL(server.baseUrl)
  const socket = connect(Number(url.port), url.hostname)
  let text = ''
  socket.on('data', (chunk: Buffer) => (text += chunk.toString()))
  const received = new Promise<string>((resolve) => socket.on('close', () => resolve(text)))
  const body = JSON.stringify({ deviceType: 'Web', token: 'ctrl-c' })
  socket.write(
    `POST /app/tokens HTTP/1.1\r\nHost: ${url.host}\r\nX-Request-Id: slow-ctrl-c\r\n` +
      `Authorization: Bearer ${bearer}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
  )
  const incoming = await server.waitForLine(/"reqId":"slow-ctrl-c".*"msg":"incoming request"/)
  const worker = (JSON.parse(incoming) as { pid: number }).pid

  server.child.kill('SIGINT')
  await server.waitForLine(new RegExp(`"pid":${worker},.*"msg":"shutting down"`))
  process.kill(worker, 'SIGINT')
  // Give the signal time to arrive before the rest of the body does.
  await new Promise((resolve) => setTimeout(resolve, 200))
  socket.write(body.slice(10))
  const answer = await received
  const code = await server.exited

  t.match(answer, /^HTTP\/1\.1 200 /, 'the request in flight finished')
  t.notOk(server.lines.some((l) => /second signal/.test(l)), 'no process took it for a second signal')
  t.equal(code, 0)
  const database = openDatabase(path)
  t.same(database.prepare('SELECT token FROM device_tokens').all(), [{ token: 'ctrl-c' }])
  database.close()
})
