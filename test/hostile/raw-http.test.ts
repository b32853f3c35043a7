/**
 * Requests only a raw socket can send: broken HTTP, smuggling attempts, over-long request
 * lines and headers, unencoded dot segments. Node's parser refuses some before routing
 * (its 4xx stands, with a JSON ResponseStatus from dtostack's client-error handler); the
 * rest reach dtostack. No 5xx, no hang, and the server keeps serving.
 */
import t from 'tap'
import net from 'node:net'
import { gzipSync } from 'node:zlib'
import * as routes from '../fixtures/dtos/routes'
import { fixtureApp } from '../helpers/fixture-app'
import { prototypeSnapshot } from './harness'

interface RawAnswer {
  readonly status: number
  readonly head: string
  readonly body: string
}

const perRequestMs = 10_000

// Writes bytes to a new connection and reads the first answer; the socket is closed after.
function sendRaw(port: number, bytes: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`no answer in ${perRequestMs} ms`))
    }, perRequestMs)
    const finish = () => {
      clearTimeout(timer)
      const text = Buffer.concat(chunks).toString('utf8')
      const split = text.indexOf('\r\n\r\n')
      const head = split < 0 ? text : text.slice(0, split)
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0)
      socket.destroy()
      resolve({ status, head, body: split < 0 ? '' : text.slice(split + 4) })
    }
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      // One answer is enough: stop once its body (by Content-Length) has arrived.
      const text = Buffer.concat(chunks).toString('latin1')
      const split = text.indexOf('\r\n\r\n')
      const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, split))?.[1]
      if (split >= 0 && length !== undefined && text.length - split - 4 >= Number(length)) finish()
    })
    socket.on('end', finish)
    socket.on('error', (error) => {
      clearTimeout(timer)
      if (chunks.length > 0) finish()
      else reject(error)
    })
    socket.write(bytes)
  })
}

// Each request and the status class it must get: 400 or a more precise 4xx.
const cases: { name: string; bytes: string; status?: number; plain?: boolean; xml?: boolean }[] = [
  { name: 'garbage instead of a request line', bytes: 'GARBAGE\r\n\r\n', status: 400 },
  { name: 'an unknown HTTP version', bytes: 'GET /hello HTTP/9.9\r\nHost: x\r\n\r\n' },
  { name: 'spaces inside the target', bytes: 'GET /he llo HTTP/1.1\r\nHost: x\r\n\r\n', status: 400 },
  { name: 'a bare CR in a header', bytes: 'GET /hello HTTP/1.1\r\nHost: x\rX-A: b\r\n\r\n', status: 400 },
  { name: 'a header name with a space', bytes: 'GET /hello HTTP/1.1\r\nHost: x\r\nBad Header: x\r\n\r\n', status: 400 },
  { name: 'a NUL in a header value', bytes: 'GET /hello HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n', status: 400 },
  { name: 'a vertical tab in the content type', bytes: 'POST /hello HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\u000b\r\nContent-Length: 2\r\n\r\n{}', status: 400 },
  // Node answers this one itself, in plain text, before any handler runs.
  { name: 'no Host header', bytes: 'GET /hello HTTP/1.1\r\n\r\n', status: 400, plain: true },
  { name: 'two Host headers', bytes: 'GET /hello HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', status: 400 },
  { name: 'two Content-Types', bytes: 'POST /hello HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Type: application/xml\r\nContent-Length: 2\r\n\r\n{}', status: 400 },
  { name: 'two equal Content-Lengths', bytes: 'POST /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}', status: 400 },
  { name: 'two Authorization headers', bytes: 'GET /hello HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\r\nAuthorization: Bearer b\r\n\r\n', status: 400 },
  { name: 'two Host headers on a metadata page', bytes: 'GET /metadata HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', status: 400 },
  { name: 'two Host headers on the typed DTOs', bytes: 'GET /types/typescript HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', status: 400 },
  { name: 'a broken query string on a metadata page', bytes: 'GET /metadata?x=%zz HTTP/1.1\r\nHost: x\r\n\r\n', status: 400 },
  { name: 'two Content-Types asked in XML', bytes: 'POST /hello?format=xml HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\ncontent-type: text/plain\r\nContent-Length: 2\r\n\r\n{}', status: 400, xml: true },
  { name: 'Content-Length and chunked together', bytes: 'POST /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', status: 400 },
  { name: 'two different Content-Lengths', bytes: 'POST /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}', status: 400 },
  { name: 'a negative Content-Length', bytes: 'POST /hello HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n', status: 400 },
  { name: 'a Content-Length that is no number', bytes: 'POST /hello HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n', status: 400 },
  { name: 'a chunk size that is no number', bytes: 'POST /hello HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n', status: 400 },
  { name: 'an unknown transfer coding', bytes: 'POST /hello HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n', status: 400 },
  { name: 'chunked not last', bytes: 'POST /hello HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n', status: 400 },
  { name: 'obsolete header folding', bytes: 'GET /hello HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n', status: 400 },
  { name: 'a request line of 20,000 characters', bytes: `GET /hello?x=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, status: 431 },
  { name: 'a header of 20,000 characters', bytes: `GET /hello HTTP/1.1\r\nHost: x\r\nX-Long: ${'a'.repeat(20_000)}\r\n\r\n`, status: 431 },
  { name: '3,000 small headers', bytes: `GET /hello HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 3000 }, (_, i) => `X-${i}: ${i}\r\n`).join('')}\r\n`, status: 431 },
  { name: 'a chunked body over the limit', bytes: `POST /hello HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${`100000\r\n${'a'.repeat(0x100000)}\r\n`.repeat(2)}0\r\n\r\n`, status: 413 },
  { name: 'a Content-Length over the limit', bytes: `POST /hello HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${2 ** 40}\r\n\r\n{}`, status: 413 },
  { name: 'a plain .. segment', bytes: 'GET /files/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n', status: 400 },
  { name: 'a plain . segment', bytes: 'GET /files/./a HTTP/1.1\r\nHost: x\r\n\r\n', status: 400 },
  { name: 'a .. segment at the end', bytes: 'GET /files/a/.. HTTP/1.1\r\nHost: x\r\n\r\n', status: 400 },
  { name: 'a .. behind a backslash', bytes: 'GET /files/a\\..\\..\\b HTTP/1.1\r\nHost: x\r\n\r\n', status: 400 },
  { name: 'an absolute-form target with ..', bytes: 'GET http://x/files/../a HTTP/1.1\r\nHost: x\r\n\r\n', status: 400 },
  { name: 'X-HTTP-Method-Override on a raw POST', bytes: 'POST /contacts/1 HTTP/1.1\r\nHost: x\r\nX-HTTP-Method-Override: DELETE\r\nContent-Length: 0\r\n\r\n', status: 405 },
  { name: 'a lower-case method', bytes: 'delete /contacts/1 HTTP/1.1\r\nHost: x\r\n\r\n', status: 400 },
  { name: 'an unknown method', bytes: 'BREW /contacts/1 HTTP/1.1\r\nHost: x\r\n\r\n' },
  { name: 'a request cut off in its headers, then closed', bytes: 'GET /hello HTTP/1.1\r\nHost: x\r\nX-A: ' },
]

t.test('broken and hostile HTTP is a 4xx and the server keeps serving', async (t) => {
  const before = prototypeSnapshot()
  const app = await fixtureApp(t, { modules: [routes] })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as net.AddressInfo
  let sent = 0

  for (const item of cases) {
    sent++
    const closing = item.name.startsWith('a request cut off')
    const answer = closing ? await sendAndClose(port, item.bytes) : await sendRaw(port, item.bytes)
    if (closing) {
      t.ok(answer.status === 0 || (answer.status >= 400 && answer.status < 500), `${item.name}: no answer or a 4xx (${answer.status})`)
      continue
    }
    if (item.status) t.equal(answer.status, item.status, item.name)
    else t.ok(answer.status >= 400 && answer.status < 500, `${item.name}: ${answer.status} is a 4xx`)
    if (item.plain) continue
    if (item.xml) {
      t.match(answer.body, /<ResponseStatus><ErrorCode>BadRequest<\/ErrorCode><Message>[^<]+<\/Message>/, `${item.name}: ResponseStatus`)
    } else if (answer.body !== '' && /content-type: application\/json/i.test(answer.head)) {
      t.match(JSON.parse(answer.body), { responseStatus: { errorCode: String, message: String } }, `${item.name}: ResponseStatus`)
    } else {
      t.fail(`${item.name}: no JSON ResponseStatus: ${answer.head.slice(0, 200)}`)
    }
  }
  t.comment(`raw HTTP: ${sent} requests`)

  const after = await sendRaw(port, 'GET /hello/World HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
  t.equal(after.status, 200)
  t.same(JSON.parse(after.body), { result: 'Hello, World!' })
  t.same(prototypeSnapshot(), before)
})

t.test('only Host, Content-Type, Content-Length and Authorization must not repeat, in any casing', async (t) => {
  const app = await fixtureApp(t, { modules: [routes] })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as net.AddressInfo

  // Names as long as the four (12, 13 and 14 characters) that may repeat.
  const repeatable = await sendRaw(
    port,
    'GET /hello/World HTTP/1.1\r\nHost: x\r\nCache-Control: no-cache\r\nCache-Control: max-age=0\r\n' +
      'X-Request-Ab: 1\r\nX-Request-Ab: 2\r\nAccept-Language: en\r\nAccept-Language: de\r\nConnection: close\r\n\r\n',
  )
  const shouting = await sendRaw(port, 'GET /hello/World HTTP/1.1\r\nHOST: a\r\nhost: b\r\nConnection: close\r\n\r\n')
  const mixed = await sendRaw(
    port,
    'GET /hello/World HTTP/1.1\r\nHost: x\r\nAUTHORIZATION: Bearer a\r\nauthorization: Bearer b\r\nConnection: close\r\n\r\n',
  )

  t.equal(repeatable.status, 200)
  t.same(JSON.parse(repeatable.body), { result: 'Hello, World!' })
  t.equal(shouting.status, 400)
  t.match(JSON.parse(shouting.body), { responseStatus: { message: "The header 'host' is given more than once" } })
  t.equal(mixed.status, 400)
  t.match(JSON.parse(mixed.body), { responseStatus: { message: "The header 'authorization' is given more than once" } })
})

// Sends part of a request and closes the writing side: an answer, if any, is a 4xx.
function sendAndClose(port: number, bytes: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`the connection stayed open ${perRequestMs} ms`))
    }, perRequestMs)
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('close', () => {
      clearTimeout(timer)
      const text = Buffer.concat(chunks).toString('utf8')
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), head: text, body: '' })
    })
    socket.on('error', () => undefined)
    socket.end(bytes)
  })
}

t.test('a request its head refuses is refused before a compressed body is read, and before a CORS preflight', async (t) => {
  const app = await fixtureApp(t, { modules: [routes], cors: true, fastify: { bodyLimit: 1024 } } as never)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as net.AddressInfo
  const inflating = gzipSync(`{"name":"${'x'.repeat(100_000)}"}`)
  const zipped = (target: string, hosts: string) =>
    Buffer.concat([
      Buffer.from(`POST ${target} HTTP/1.1\r\n${hosts}Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: ${inflating.length}\r\n\r\n`),
      inflating,
    ])

  const twoHosts = await sendRaw(port, zipped('/hello', 'Host: a\r\nHost: b\r\n'))
  const badQuery = await sendRaw(port, zipped('/hello?x=%zz', 'Host: a\r\n'))
  const preflight = await sendRaw(port, 'OPTIONS /hello HTTP/1.1\r\nHost: a\r\nHost: b\r\nOrigin: https://app.example\r\nAccess-Control-Request-Method: POST\r\n\r\n')
  const fine = await sendRaw(port, zipped('/hello', 'Host: a\r\n'))

  t.equal(twoHosts.status, 400)
  t.match(JSON.parse(twoHosts.body), { responseStatus: { message: "The header 'host' is given more than once" } })
  t.equal(badQuery.status, 400)
  t.match(JSON.parse(badQuery.body), { responseStatus: { message: /query string/ } })
  t.equal(preflight.status, 400)
  t.equal(fine.status, 413, 'the same body with a sound head inflates past the limit')
})
