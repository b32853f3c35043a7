/**
 * A client may close its side of the connection once its request is sent (a FIN after
 * the body, as `nc -N` or a shell pipe does). Node drops such a request's answer unless
 * the server allows half-open connections, while the operation still runs: a write was
 * made and the client never learnt of it.
 */
import t from 'tap'
import { connect } from 'node:net'
import { listenApp, users } from '../helpers/build-app'

// Sends one request and closes the sending side at once; answers what came back.
function sendAndHalfClose(baseUrl: string, request: string): Promise<string> {
  const url = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.end(request))
    let text = ''
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()))
    socket.on('close', () => resolve(text))
    socket.on('error', reject)
  })
}

function post(path: string, body: string, headers = ''): string {
  return (
    `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n${headers}` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  )
}

t.test('a request whose client half-closes after sending it is answered, and its connection then closed', async (t) => {
  const { baseUrl, database } = await listenApp(t)

  const signIn = await sendAndHalfClose(
    baseUrl,
    post('/auth/credentials', JSON.stringify({ userName: users.alice.userName, password: users.alice.password })),
  )
  t.match(signIn, /^HTTP\/1\.1 200 /, 'the sign-in is answered')
  const bearer = JSON.parse(signIn.slice(signIn.indexOf('\r\n\r\n') + 4)).bearerToken as string

  const created = await sendAndHalfClose(
    baseUrl,
    post('/app/tokens', JSON.stringify({ deviceType: 'Web', token: 'half-closed' }), `Authorization: Bearer ${bearer}\r\n`),
  )
  const refused = await sendAndHalfClose(baseUrl, post('/app/tokens', '{"deviceType":', `Authorization: Bearer ${bearer}\r\n`))
  const cut = await sendAndHalfClose(baseUrl, post('/app/tokens', '{}').replace(/Content-Length: \d+/, 'Content-Length: 100'))

  t.match(created, /^HTTP\/1\.1 200 /, 'the write is answered')
  t.match(created, /\{"deviceType":"Web","token":"half-closed"\}$/)
  t.match(refused, /^HTTP\/1\.1 400 /, 'a bad body is answered too')
  t.match(refused, /"errorCode":"SerializationException"/)
  t.match(cut, /^HTTP\/1\.1 400 /, 'a body cut short by the close is a 400')
  t.same(database.prepare('SELECT token FROM device_tokens').all(), [{ token: 'half-closed' }])
})
